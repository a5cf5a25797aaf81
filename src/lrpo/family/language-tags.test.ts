// Tag mode's tokenizer and prompts through a real model folder (the qwen2-tiny fixture: bf16, tied
// head, tokenizer-ml's BPE, ChatML template with a default system message): the reference's 15 tags
// plus the run's other router languages get ids 1024.. in that order, the embedding grows to hold
// them in bf16 (new rows = the mean of the old rows, rounded to bf16), the tag ids round-trip, and
// a tag-mode prompt is the chat template over one user message "question\n<|out_lang_xx|>" with the
// generation prompt (the text written out by hand here), cut from the question's start when long.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadChatTemplate } from '../../engine/hf/chat-template';
import { fsFolder } from '../../engine/hf/folder-fs';
import { loadLlamaFolder } from '../../engine/hf/model-folder';
import { f32ToTensor, tensorToF32 } from '../../engine/hf/tensors';
import { buildPrompt } from '../planner';
import { ChatTokenizer } from './chat-tokenizer';
import { addLanguageTags, tagLanguages } from './language-tags';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));

async function open(langs: string[]) {
  const folder = fsFolder(dir);
  const hf = await loadLlamaFolder(folder);
  const tagged = await addLanguageTags(folder, hf, tagLanguages(langs));
  return { hf, tagged, chat: new ChatTokenizer(tagged.tokenizer, await loadChatTemplate(folder), tagged.hf.generation, dir) };
}

describe('language tags on a Hugging Face model (instruction_mode tag)', () => {
  it('adds the 15 reference tags and the run\'s other languages, resizing the embedding in bf16', async () => {
    expect(tagLanguages(['de', 'hi', 'en', 'sw'])).toEqual(['ar', 'de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'vi', 'zh', 'hi', 'sw']);
    const { hf, tagged, chat } = await open(['de', 'hi', 'sw']);
    expect(tagged.tokenIds).toEqual(Array.from({ length: 17 }, (_, i) => 1024 + i));
    expect(tagged.vocab).toEqual({ before: 1024, after: 1041 });
    expect(tagged.hf.config.vocabSize).toBe(1041);
    expect(tagged.hf.configJson.vocab_size).toBe(1041);
    expect(hf.config.vocabSize).toBe(1024); // the opened model is not modified
    const e0 = tensorToF32(hf.weights.get('model.embed_tokens.weight')!);
    const t = tagged.hf.weights.get('model.embed_tokens.weight')!;
    expect(t.dtype).toBe('BF16');
    expect(t.shape).toEqual([1041, 64]);
    const e = tensorToF32(t);
    expect(e.subarray(0, 1024 * 64)).toEqual(e0);
    const mean = new Float32Array(64);
    for (let i = 0; i < 64; i++) {
      let s = 0;
      for (let v = 0; v < 1024; v++) s += e0[v * 64 + i];
      mean[i] = s / 1024;
    }
    const meanBf16 = tensorToF32(f32ToTensor(mean, [64], 'BF16'));
    for (const id of [1024, 1040]) expect(e.subarray(id * 64, (id + 1) * 64)).toEqual(meanBf16);
    // ids round trip through the tokenizer; langTokenId finds them
    expect(chat.langTokenId('ar')).toBe(1024);
    expect(chat.langTokenId('sw')).toBe(1040);
    const ids = chat.encode('Wo liegt Salzburg?\n<|out_lang_de|>');
    expect(ids.at(-1)).toBe(1025);
    expect(chat.decode(ids)).toBe('Wo liegt Salzburg?\n<|out_lang_de|>');
    // the tokenizer files carry the tags
    const saved = JSON.parse(new TextDecoder().decode(tagged.files.get('tokenizer.json')!));
    expect(saved.added_tokens.at(-1)).toMatchObject({ id: 1040, content: '<|out_lang_sw|>', special: true });
  });

  it('prompts the tagged question as the user message of the chat template', async () => {
    const { chat } = await open(['de', 'en']);
    const ids = buildPrompt(chat, '  ¿En qué país está Salzburgo? ', 'de', 'tag', 96);
    const text = '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n¿En qué país está Salzburgo?\n<|out_lang_de|><|im_end|>\n<|im_start|>assistant\n';
    expect(ids).toEqual(chat.tok.encode(text, false));
    expect(ids.filter((x) => x === 1025)).toHaveLength(1); // the tag as one token
    expect(ids[ids.indexOf(1025) + 1]).toBe(2); // right before <|im_end|>
    // a long question loses its start; the template and the tag stay
    const long = 'Which river flows through the city? '.repeat(20) + 'Name it.';
    const cut = buildPrompt(chat, long, 'en', 'tag', 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.length).toBeGreaterThan(40);
    expect(chat.decode(cut)).toMatch(/<\|im_start\|>user\n.*Name it\.\n<\|out_lang_en\|><\|im_end\|>\n<\|im_start\|>assistant\n$/s);
    expect(() => buildPrompt(chat, long, 'en', 'tag', 10)).toThrow(/chat template and the en tag alone take \d+ tokens, more than data.max_prompt_length 10/);
    expect(() => buildPrompt(chat, 'q', 'xx', 'tag', 96)).toThrow(/no <\|out_lang_xx\|> token/);
  });
});
