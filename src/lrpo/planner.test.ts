import { describe, expect, it } from 'vitest';
import type { Example } from '../data/example';
import { Rng } from '../engine/rng';
import { ANSWER_IN } from './instructions';
import { buildPrompt, planBatch, promptText, splitUntagged, strippedQuestion, type PlanOptions, type PromptTokenizer } from './planner';

// a byte tokenizer for tests: ids 0..255 are bytes, 256 = bos, 300 + arm index = language tag
const LANGS = ['ar', 'de', 'en', 'es', 'fr', 'zh'];
const tok: PromptTokenizer = {
  bosId: 256,
  encode: (t) => Array.from(new TextEncoder().encode(t)),
  langTokenId: (c) => {
    const i = LANGS.indexOf(c);
    if (i < 0) throw new Error(`no tag for ${c}`);
    return 300 + i;
  },
};

function ex(index: number, topic: string, language: string, question = `q${index}`): Example {
  return {
    index, dataSource: 'test', question, answer: 'a', topic, language, regions: [], references: { [language]: 'a' },
    prompt: [{ role: 'user', content: question }],
  };
}

const opts: PlanOptions = {
  n: 8, origLangMin: 2, fixedLangTopics: ['Translation'], mode: 'tag', routing: 'router', languages: LANGS, maxPromptLength: 64,
};

describe('planBatch', () => {
  it('puts the first orig_lang_min rollouts in the original language and routes the rest', () => {
    const calls: string[] = [];
    const choose = (e: Example) => {
      calls.push(e.question);
      return calls.length % 2 ? 'zh' : 'ar';
    };
    const plan = planBatch([ex(0, 'General Knowledge', 'de'), ex(1, 'Reasoning / Logic', 'fr')], opts, tok, choose, new Rng(1));
    expect(plan).toHaveLength(16);
    expect(plan.map((r) => r.group)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(plan.slice(0, 2).map((r) => [r.targetLang, r.source])).toEqual([['de', 'quota'], ['de', 'quota']]);
    expect(plan.slice(2, 8).map((r) => r.targetLang)).toEqual(['zh', 'ar', 'zh', 'ar', 'zh', 'ar']);
    expect(plan.slice(2, 8).every((r) => r.source === 'router')).toBe(true);
    expect(calls).toHaveLength(12);
  });

  it('keeps fixed-language topics in the original language without asking the router', () => {
    let asked = 0;
    const plan = planBatch([ex(0, 'Translation', 'es')], opts, tok, () => { asked++; return 'zh'; }, new Rng(1));
    expect(asked).toBe(0);
    expect(plan.every((r) => r.targetLang === 'es' && r.source === 'fixed')).toBe(true);
  });

  it('monolingual and uniform baselines', () => {
    const mono = planBatch([ex(0, 'General Knowledge', 'en')], { ...opts, routing: 'mono' }, tok, () => 'zh', new Rng(1));
    expect(mono.every((r) => r.targetLang === 'en')).toBe(true);
    const uni = planBatch(Array.from({ length: 50 }, (_, i) => ex(i, 'General Knowledge', 'en')), { ...opts, routing: 'uniform' }, tok, () => 'zh', new Rng(3));
    const routed = uni.filter((r) => r.source === 'uniform');
    expect(routed).toHaveLength(300);
    for (const l of LANGS) expect(routed.filter((r) => r.targetLang === l).length).toBeGreaterThan(25);
  });

  it('is deterministic for a seed', () => {
    const a = planBatch([ex(0, 'General Knowledge', 'en')], { ...opts, routing: 'uniform' }, tok, () => 'zh', new Rng(9));
    const b = planBatch([ex(0, 'General Knowledge', 'en')], { ...opts, routing: 'uniform' }, tok, () => 'zh', new Rng(9));
    expect(a.map((r) => r.targetLang)).toEqual(b.map((r) => r.targetLang));
  });
});

describe('buildPrompt', () => {
  it('tag mode leaves out questions whose language has no tag, each reported with its row', () => {
    const has = (l: string) => LANGS.includes(l);
    const all = [ex(0, 'General Knowledge', 'en'), ex(1, 'General Knowledge', 'hi'), ex(2, 'Regional Knowledge', 'zh'), ex(3, 'Translation', 'hi')];
    const r = splitUntagged(all, has, 'tag', 'care.parquet');
    expect(r.usable.map((e) => e.index)).toEqual([0, 2]);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatchObject({ file: 'care.parquet', row: 1, field: 'extra_info.language' });
    expect(r.problems[0].reason).toMatch(/"hi" has no <\|out_lang_hi\|> tag/);
    // system mode words the instruction, so every language can be prompted
    expect(splitUntagged(all, has, 'system').usable).toHaveLength(4);
  });

  it('tag mode: bos, question bytes, newline, the tag', () => {
    expect(buildPrompt(tok, 'Hi', 'zh', 'tag', 64)).toEqual([256, 72, 105, 10, 305]);
  });

  it('system mode: bos, the instruction in the target language, newline, question, newline', () => {
    const p = buildPrompt(tok, 'Hi', 'de', 'system', 64);
    expect(p[0]).toBe(256);
    expect(new TextDecoder().decode(new Uint8Array(p.slice(1)))).toBe(`${ANSWER_IN.de}\nHi\n`);
  });

  it('keeps the end (and the tag / instruction) when the question is too long', () => {
    const p = buildPrompt(tok, 'x'.repeat(100), 'fr', 'tag', 10);
    expect(p).toHaveLength(10);
    expect(p[0]).toBe(256);
    expect(p[9]).toBe(304);
    const s = buildPrompt(tok, 'y'.repeat(100), 'en', 'system', 40);
    expect(s).toHaveLength(40);
    expect(new TextDecoder().decode(new Uint8Array(s.slice(1))).startsWith(ANSWER_IN.en)).toBe(true);
  });
});

describe('questions are stripped before prompting (as the reference: question.strip())', () => {
  it('drops surrounding whitespace in tag and system prompts, keeps inner whitespace', () => {
    expect(strippedQuestion(' \t Capital of  France?\n\r\u00a0')).toBe('Capital of  France?');
    expect(strippedQuestion('\u001fx\u0085')).toBe('x');
    expect(promptText('  Capital?\n', 'de', 'tag')).toBe('Capital?\n<|out_lang_de|>');
    for (const mode of ['tag', 'system'] as const) {
      expect(buildPrompt(tok, '\n  Capital?  \n', 'de', mode, 64)).toEqual(buildPrompt(tok, 'Capital?', 'de', mode, 64));
    }
    // tag mode by hand: bos, bytes of "Capital?", "\n", the de tag
    expect(buildPrompt(tok, ' Capital? ', 'de', 'tag', 64)).toEqual([256, ...Array.from(new TextEncoder().encode('Capital?')), 10, 301]);
    const plan = planBatch([ex(0, 'General Knowledge', 'de', '  q0 \n')], { ...opts, n: 2 }, tok, () => 'zh', new Rng(1));
    expect(plan[0].promptText).toBe('q0\n<|out_lang_de|>');
  });
});
