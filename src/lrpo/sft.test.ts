import { describe, expect, it } from 'vitest';
import { CpuModel } from '../engine/gpt/cpu-model';
import { Rng } from '../engine/rng';
import { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import { exactAnswerRate, normalizeAnswer, sftItems, sftStep, teachableLanguages } from './sft';
import { tinyExamples } from './testing/tiny-examples';

const LANGS = ['de', 'en', 'zh'];
const tok = ByteTokenizer.forLanguages(LANGS);
const opts = { extraLangs: 2, languages: LANGS, mode: 'tag' as const, maxPromptLength: 40, maxResponseLength: 8 };

describe('sft', () => {
  it('teaches each question in its own language plus up to k others it has answers in', () => {
    const ex = tinyExamples();
    expect(teachableLanguages(ex[0], LANGS)).toEqual(['de', 'zh']);
    const items = sftItems(ex, tok, opts, new Rng(1));
    const q0 = items.filter((i) => i.example.index === 0).map((i) => i.lang);
    expect(q0[0]).toBe('en');
    expect([...q0].sort()).toEqual(['de', 'en', 'zh']);
    // "Translate ..." has only its English answer
    expect(items.filter((i) => i.example.index === 3).map((i) => i.lang)).toEqual(['en']);
    const zh = items.find((i) => i.example.index === 0 && i.lang === 'zh')!;
    expect(zh.prompt[zh.prompt.length - 1]).toBe(tok.langTokenId('zh'));
    expect(tok.decode(zh.answer.slice(0, -1))).toBe('巴黎');
    expect(zh.answer[zh.answer.length - 1]).toBe(tok.eosId);
  });

  it('SFT steps lower the answer cross-entropy, and a memorized answer is found by greedy decoding', async () => {
    const model = new CpuModel({ nLayer: 1, nHead: 2, nEmbd: 32, blockSize: 48, vocabSize: tok.vocabSize }, undefined, 5);
    const items = sftItems(tinyExamples().slice(0, 2), tok, { ...opts, extraLangs: 0 }, new Rng(1));
    const losses: number[] = [];
    for (let i = 0; i < 60; i++) losses.push((await sftStep(model, items, tok.padId, 1e-2)).loss);
    expect(losses[0]).toBeGreaterThan(4);
    expect(losses[59]).toBeLessThan(0.1 * losses[0]);
    const r = await exactAnswerRate(model, tok, items.map((it) => ({ example: it.example, lang: it.lang })), { mode: 'tag', maxPromptLength: 40, maxResponseLength: 8 });
    expect(r.byLang.en.total).toBe(2);
    expect(r.overall).toBe(1);
  }, 30_000);

  it('normalizes answers for exact match', () => {
    expect(normalizeAnswer('  Paris. ')).toBe('paris');
    expect(normalizeAnswer('北京。')).toBe('北京');
    expect(normalizeAnswer('Ｂｅｒｌｉｎ')).toBe('berlin');
    expect(normalizeAnswer('New   York!')).toBe('new york');
  });
});
