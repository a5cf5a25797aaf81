// A Hugging Face model's tokenizer as LRPO uses it (SftTokenizer): tokenizer.json for text, the chat
// template for chat-mode prompts, generation_config.json's eos list for where responses stop, and
// the `<|out_lang_xx|>` tags when the vocabulary has them (tag mode: the tagged question is the
// user message of the chat template, as the reference prompts an instruct model).

import type { ChatTemplate } from '../../engine/hf/chat-template';
import type { GenerationIds } from '../../engine/hf/generation-config';
import type { HfTokenizer } from '../../engine/hf/tokenizer';
import type { SftTokenizer } from '../sft';

export class ChatTokenizer implements SftTokenizer {
  readonly bosId: number;
  readonly eosId: number;
  readonly eosIds: readonly number[];
  readonly padId: number;
  readonly chatPrompt?: (system: string, user: string) => number[];
  readonly userPrompt?: (user: string) => number[];

  constructor(readonly tok: HfTokenizer, readonly template: ChatTemplate | null, ids: GenerationIds, readonly source: string) {
    const eos = [...ids.eosIds];
    const tokEos = tok.eosToken !== null ? tok.tokenToId(tok.eosToken) : undefined;
    if (tokEos !== undefined && !eos.includes(tokEos)) eos.push(tokEos);
    if (!eos.length) throw new Error(`${source}: no eos token id (generation_config.json / config.json eos_token_id, or tokenizer_config.json eos_token), so responses could never stop`);
    this.eosIds = eos;
    this.eosId = eos[0];
    this.padId = ids.padId ?? this.eosId;
    // models without a bos token (Qwen) start plain prompts with nothing the template would add:
    // the first eos id stands in as the separator (only tag / system modes use it)
    this.bosId = ids.bosId ?? this.eosId;
    if (template) {
      this.chatPrompt = (system, user) => tok.encode(template.render([{ role: 'system', content: system }, { role: 'user', content: user }], true), false);
      this.userPrompt = (user) => tok.encode(template.render([{ role: 'user', content: user }], true), false);
    }
  }

  encode(text: string): number[] {
    return this.tok.encode(text, false);
  }

  decode(ids: number[], opts?: { skipSpecials?: boolean }): string {
    if (!ids.length) return ''; // a response that stopped at once (the tokenizers library refuses [])
    return this.tok.decode(ids, opts?.skipSpecials ?? false);
  }

  langTokenId(code: string): number {
    const id = this.tok.tokenToId(`<|out_lang_${code}|>`);
    if (id === undefined) throw new Error(`${this.source}: the tokenizer has no <|out_lang_${code}|> token`);
    return id;
  }
}
