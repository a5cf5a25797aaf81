// Exports: HfTokenizer (tokenizer.json + tokenizer_config.json read with @huggingface/tokenizers:
// encode / decode, special token ids, the largest id) and loadHfTokenizer (from a model folder,
// checked against the model's vocab_size: every token id the tokenizer can produce must have an
// embedding row).
import { Tokenizer } from '@huggingface/tokenizers';
import { readJson, type HfFolder } from './folder';

export class HfTokenizer {
  private readonly tok: Tokenizer;
  /** largest id in the vocabulary or the added tokens, + 1 */
  readonly size: number;
  readonly eosToken: string | null;
  readonly bosToken: string | null;
  readonly padToken: string | null;

  constructor(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>, file: string) {
    try {
      this.tok = new Tokenizer(tokenizerJson, tokenizerConfig);
    } catch (e) {
      throw new Error(`${file}: cannot build the tokenizer (${(e as Error).message})`);
    }
    let max = -1;
    const model = tokenizerJson.model as { vocab?: unknown } | undefined;
    const vocab = model?.vocab;
    if (vocab && typeof vocab === 'object' && !Array.isArray(vocab)) for (const id of Object.values(vocab as Record<string, number>)) max = Math.max(max, id);
    else if (Array.isArray(vocab)) max = vocab.length - 1; // Unigram: [token, score] list
    for (const t of (tokenizerJson.added_tokens as { id: number }[] | undefined) ?? []) max = Math.max(max, t.id);
    if (max < 0) throw new Error(`${file}: the tokenizer has an empty vocabulary`);
    this.size = max + 1;
    const tokenName = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string' ? (v as { content: string }).content : null);
    this.eosToken = tokenName(tokenizerConfig.eos_token);
    this.bosToken = tokenName(tokenizerConfig.bos_token);
    this.padToken = tokenName(tokenizerConfig.pad_token);
  }

  /** Token ids of `text`; special tokens written in the text (e.g. <|im_start|>) become their ids. */
  encode(text: string, addSpecialTokens = true): number[] {
    return this.tok.encode(text, { add_special_tokens: addSpecialTokens }).ids;
  }

  decode(ids: number[], skipSpecialTokens = false): string {
    return this.tok.decode(ids, { skip_special_tokens: skipSpecialTokens });
  }

  tokenToId(token: string): number | undefined {
    return this.tok.token_to_id(token);
  }

  idToToken(id: number): string | undefined {
    return this.tok.id_to_token(id);
  }
}

/** tokenizer.json (+ tokenizer_config.json when present) of a folder; null when it has no tokenizer.json. */
export async function loadHfTokenizer(folder: HfFolder, vocabSize?: number): Promise<HfTokenizer | null> {
  const json = await readJson(folder, 'tokenizer.json');
  if (json === null) return null;
  const file = `${folder.label}/tokenizer.json`;
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${file}: must be a JSON object`);
  const cfg = (await readJson(folder, 'tokenizer_config.json')) ?? {};
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg)) throw new Error(`${folder.label}/tokenizer_config.json: must be a JSON object`);
  const tok = new HfTokenizer(json as Record<string, unknown>, cfg as Record<string, unknown>, file);
  if (vocabSize !== undefined && tok.size > vocabSize) {
    throw new Error(`${file}: tokenizer vocabulary mismatch: the tokenizer has ids up to ${tok.size - 1} but config.json's vocab_size is ${vocabSize}`);
  }
  return tok;
}
