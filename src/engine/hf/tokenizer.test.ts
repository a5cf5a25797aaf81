// tokenizer-ml with @huggingface/tokenizers against transformers' ids and decoded text for 10 scripts,
// and its chat template rendered with @huggingface/jinja against transformers' apply_chat_template,
// from chat_template.jinja and from tokenizer_config.json's chat_template; bad input named.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadChatTemplate } from './chat-template';
import { memoryFolder } from './folder';
import { fsFolder } from './folder-fs';
import { loadHfTokenizer } from './tokenizer';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/tokenizer-ml', import.meta.url));
const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as {
  vocab_size: number;
  encode: { text: string; ids: number[]; decoded: string }[];
  chat: { messages: { role: string; content: string }[]; add_generation_prompt: boolean; text: string; ids: number[] }[];
};
const file = (f: string) => new Uint8Array(readFileSync(`${dir}/${f}`));

describe('tokenizer-ml', () => {
  it('encodes and decodes every string exactly as transformers', async () => {
    const tok = (await loadHfTokenizer(fsFolder(dir), 1024))!;
    expect(tok.size).toBe(expected.vocab_size);
    expect(expected.encode.length).toBe(10);
    for (const e of expected.encode) {
      expect(tok.encode(e.text), e.text).toEqual(e.ids);
      expect(tok.decode(e.ids)).toBe(e.decoded);
    }
    expect(tok.tokenToId('<|im_end|>')).toBe(2);
  });

  it('renders the chat template exactly (chat_template.jinja and tokenizer_config.json)', async () => {
    const tok = (await loadHfTokenizer(fsFolder(dir)))!;
    const fromJinja = (await loadChatTemplate(fsFolder(dir)))!;
    const cfg = JSON.parse(readFileSync(`${dir}/tokenizer_config.json`, 'utf8'));
    cfg.chat_template = readFileSync(`${dir}/chat_template.jinja`, 'utf8');
    const older = memoryFolder('older', new Map([['tokenizer_config.json', new TextEncoder().encode(JSON.stringify(cfg))]]));
    const fromConfig = (await loadChatTemplate(older))!;
    for (const c of expected.chat) {
      for (const t of [fromJinja, fromConfig]) {
        const text = t.render(c.messages, c.add_generation_prompt);
        expect(text).toBe(c.text);
        expect(tok.encode(text)).toEqual(c.ids);
      }
    }
  });

  it('names the file and the problem', async () => {
    await expect(loadHfTokenizer(fsFolder(dir), 1000)).rejects.toThrow(/tokenizer.json: tokenizer vocabulary mismatch: the tokenizer has ids up to 1023 but config.json's vocab_size is 1000/);
    const bad = memoryFolder('m', new Map([['tokenizer.json', new TextEncoder().encode('{"model": ')]]));
    await expect(loadHfTokenizer(bad)).rejects.toThrow('m/tokenizer.json: not valid JSON');
    const badT = memoryFolder('m', new Map([['chat_template.jinja', new TextEncoder().encode('{% if %}')]]));
    await expect(loadChatTemplate(badT)).rejects.toThrow('m/chat_template.jinja: the chat template does not parse');
    expect(await loadHfTokenizer(memoryFolder('m', new Map([['x', file('tokenizer.json')]])))).toBeNull();
  });
});
