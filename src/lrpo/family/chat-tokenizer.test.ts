// Chat-mode prompts through a real model folder (the qwen2-tiny fixture: tokenizer-ml's BPE and
// ChatML template): [system: "answer in <language>" written in that language (ours), user: the
// question] rendered with the generation prompt, ids as transformers' apply_chat_template would
// give (the fixture's own template text, hand-written here); a too-long question loses its start,
// the template and the instruction stay; responses stop at the eos ids of generation_config.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadChatTemplate } from '../../engine/hf/chat-template';
import { fsFolder } from '../../engine/hf/folder-fs';
import { loadLlamaFolder } from '../../engine/hf/model-folder';
import { loadHfTokenizer } from '../../engine/hf/tokenizer';
import { buildPrompt } from '../planner';
import { stopOptions, withoutStops } from '../stop-ids';
import { ChatTokenizer } from './chat-tokenizer';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));
const expected = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../shared/fixtures/tokenizer-ml/expected.json', import.meta.url)), 'utf8'));

async function open() {
  const folder = fsFolder(dir);
  const hf = await loadLlamaFolder(folder);
  const tok = (await loadHfTokenizer(folder, hf.config.vocabSize))!;
  return { tok, chat: new ChatTokenizer(tok, await loadChatTemplate(folder), hf.generation, dir) };
}

describe('ChatTokenizer (instruction_mode chat)', () => {
  it('renders the system instruction and the question as ChatML with the generation prompt', async () => {
    const { tok, chat } = await open();
    const ids = buildPrompt(chat, '  ¿En qué país está Salzburgo? ', 'es', 'chat', 96);
    const text = '<|im_start|>system\nResponde en español.<|im_end|>\n<|im_start|>user\n¿En qué país está Salzburgo?<|im_end|>\n<|im_start|>assistant\n';
    expect(ids).toEqual(tok.encode(text, false));
    expect(ids[0]).toBe(1); // <|im_start|>, no bos added on top of the template's own tokens
  });

  it('gives transformers\' ids for a system + user conversation (the fixture\'s expected ids)', async () => {
    const { chat } = await open();
    // the fixture's first chat case has no system message: the template adds its default one
    const c = expected.chat[0];
    expect(chat.chatPrompt!('You are a helpful assistant.', c.messages[0].content)).toEqual(c.ids);
  });

  it('cuts a long question from its start to fit max_prompt_length; refuses when the template alone is too long', async () => {
    const { chat } = await open();
    const q = 'Which river flows through the city? '.repeat(20) + 'Name it.';
    const full = buildPrompt(chat, q, 'de', 'chat', 10_000);
    const cut = buildPrompt(chat, q, 'de', 'chat', 60);
    expect(full.length).toBeGreaterThan(60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut.length).toBeGreaterThan(50);
    expect(chat.decode(cut)).toMatch(/^<\|im_start\|>system\nAntworte auf Deutsch\.<\|im_end\|>\n<\|im_start\|>user\n.*Name it\.<\|im_end\|>\n<\|im_start\|>assistant\n$/s);
    expect(() => buildPrompt(chat, q, 'de', 'chat', 8)).toThrow(/chat template and the de instruction alone take \d+ tokens, more than data.max_prompt_length 8/);
  });

  it('stops at the eos ids and leaves them out of the text', async () => {
    const { chat } = await open();
    expect(chat.eosIds).toContain(2); // <|im_end|>
    expect(stopOptions(chat).eosId).toBe(chat.eosId);
    expect(withoutStops(chat, [5, 6, 2])).toEqual([5, 6]);
    expect(chat.decode([])).toBe('');
    expect(() => chat.langTokenId('de')).toThrow(/no <\|out_lang_de\|> token/);
  });
});
