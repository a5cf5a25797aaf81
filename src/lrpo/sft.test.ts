import { describe, expect, it } from 'vitest';
import { CpuModel } from '../engine/gpt/cpu-model';
import { Rng } from '../engine/rng';
import { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import { exactAnswerRate, isExactAnswer, normalizeAnswer, sftItems, sftStep, teachableLanguages } from './sft';
import { tinyExamples } from './testing/tiny-examples';

const LANGS = ['de', 'en', 'zh'];
const tok = ByteTokenizer.forLanguages(LANGS);
const opts = { extraLangs: 2, languages: LANGS, mode: 'tag' as const, maxPromptLength: 40, maxResponseLength: 8, answerStyle: 'short' as const };

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
    // a detector that reads only the script: Latin letters are "en", anything else "xx"
    const detector = { detect: (t: string) => ({ lang: /^[a-z ]+$/i.test(t) ? 'en' : 'xx', prob: 1 }) };
    const r = await exactAnswerRate(model, tok, items.map((it) => ({ example: it.example, lang: it.lang })), { mode: 'tag', maxPromptLength: 40, maxResponseLength: 8, detector, samples: 1 });
    expect(r.byLang.en.total).toBe(2);
    expect(r.overall).toBe(1);
    expect(r.chrF).toBeCloseTo(1, 12);
    expect(r.tagFollowing).toBe(items.filter((it) => /^[a-z ]+$/i.test(it.example.answer)).length / items.length);
    expect(r.samples).toHaveLength(1);
    expect(r.samples[0].answer).toBe(r.samples[0].reference);
  }, 30_000);

  it('sentence style teaches the answer inside the target language\'s answer frame', () => {
    const items = sftItems(tinyExamples(), tok, { ...opts, maxResponseLength: 64, answerStyle: 'sentence' }, new Rng(1));
    const zh = items.find((i) => i.example.index === 0 && i.lang === 'zh')!;
    expect(tok.decode(zh.answer.slice(0, -1))).toBe('这个问题的答案是巴黎。');
    const de = items.find((i) => i.example.index === 0 && i.lang === 'de')!;
    expect(tok.decode(de.answer.slice(0, -1))).toBe('Die richtige Antwort ist Paris.');
  });

  it('an exact answer is the reference, bare or in its frame, and nothing else', () => {
    expect(isExactAnswer('La respuesta es Austria.', 'Austria', 'es')).toBe(true);
    expect(isExactAnswer('austria', 'Austria', 'es')).toBe(true);
    expect(isExactAnswer('这个问题的答案是北京。', '北京', 'zh')).toBe(true);
    expect(isExactAnswer('La respuesta es Austria, creo.', 'Austria', 'es')).toBe(false);
    expect(isExactAnswer('The answer is Austria.', 'Austria', 'es')).toBe(false); // another language's frame
    expect(isExactAnswer('1964', '1', 'en')).toBe(false);
    expect(isExactAnswer('', '', 'en')).toBe(false);
  });

  it('normalizes answers for exact match', () => {
    expect(normalizeAnswer('  Paris. ')).toBe('paris');
    expect(normalizeAnswer('北京。')).toBe('北京');
    expect(normalizeAnswer('Ｂｅｒｌｉｎ')).toBe('berlin');
    expect(normalizeAnswer('New   York!')).toBe('new york');
  });
});
