import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_TEXT_CHARS, missingColumnProblems, normalizeRows } from './schema.ts';

const verlRow = (over: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  data_source: 'src',
  prompt: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the capital of France?' }],
  ability: 'Regional Knowledge',
  reward_model: { style: 'rule', ground_truth: 'Paris' },
  extra_info: { split: 'train', index: 3, language: 'french', region: 'France', ...extra },
  ...over,
});

describe('normalizeRows: both shapes', () => {
  it('reads a plain verl row (prompt + reward_model.ground_truth)', () => {
    const { examples, problems } = normalizeRows([verlRow()], { file: 'f.parquet' });
    expect(problems).toEqual([]);
    expect(examples[0]).toEqual({
      index: 0, dataSource: 'src', question: 'What is the capital of France?', answer: 'Paris',
      topic: 'Regional Knowledge', language: 'fr', regions: ['France'], region: 'France', references: { fr: 'Paris' }, split: 'train',
      prompt: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is the capital of France?' }],
    });
  });

  it("reads the reference's row (top-level question/answer) and builds the prompt", () => {
    const { examples, problems } = normalizeRows([{ question: '中国的首都是哪里？', answer: '北京', ability: 'Regional Knowledge', extra_info: { language: 'chinese', region: null } }]);
    expect(problems).toEqual([]);
    expect(examples[0]).toMatchObject({ question: '中国的首都是哪里？', answer: '北京', language: 'zh', regions: [], references: { zh: '北京' } });
    expect(examples[0].prompt).toEqual([{ role: 'user', content: '中国的首都是哪里？' }]);
  });

  it('accepts ISO codes and names in any case, and missing language means English', () => {
    const rows = ['zh', 'ZH', 'Chinese', 'zh-CN', 'ar', 'arabic', null, undefined, ''].map((language) => verlRow({}, { language }));
    const { examples, problems } = normalizeRows(rows);
    expect(problems).toEqual([]);
    expect(examples.map((e) => e.language)).toEqual(['zh', 'zh', 'zh', 'zh', 'ar', 'ar', 'en', 'en', 'en']);
  });

  it('normalizes regions: string, list, null, missing, blanks', () => {
    const rows = [['China', 'Japan'], 'Mexico', null, undefined, '  ', ['Spain', ' ']].map((region) => verlRow({}, { region }));
    const { examples } = normalizeRows(rows);
    expect(examples.map((e) => e.regions)).toEqual([['China', 'Japan'], ['Mexico'], [], [], [], ['Spain']]);
    // as given, for the router's update keys (null -> "None", [] -> "[]")
    expect(examples.map((e) => e.region)).toEqual([['China', 'Japan'], 'Mexico', null, null, '  ', ['Spain', ' ']]);
    const more = normalizeRows([verlRow({}, { region: [] }), verlRow({}, { region: ['Peru', null] })]);
    expect(more.examples.map((e) => [e.region, e.regions])).toEqual([[[], []], [['Peru'], ['Peru']]]);
  });

  it('reads references by code or name; the own-language reference is the answer', () => {
    const { examples, problems } = normalizeRows([verlRow({}, { references: { en: 'Paris', german: 'Paris', zh: '巴黎', ja: null, fr: 'other' } })]);
    expect(problems).toEqual([]);
    expect(examples[0].references).toEqual({ en: 'Paris', de: 'Paris', zh: '巴黎', fr: 'Paris' });
  });

  it('falls back to extra_info.topic, and numbers as answers become text', () => {
    const { examples } = normalizeRows([{ question: 'Year of the Moon landing?', answer: 1969, extra_info: { topic: 'General Knowledge' } }]);
    expect(examples[0]).toMatchObject({ answer: '1969', topic: 'General Knowledge', language: 'en' });
  });
});

describe('normalizeRows: bad rows are reported with row, field and reason; good rows kept', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['not an object', 'just text', 'row', /expected an object/],
    ['prompt without user text', verlRow({ prompt: [{ role: 'system', content: 'x' }] }), 'prompt', /no user message with text/],
    ['prompt not a list', verlRow({ prompt: 'hi' }), 'prompt', /expected a list/],
    ['message content not text', verlRow({ prompt: [{ role: 'user', content: 5 }] }), 'prompt[0].content', /expected text/],
    ['no question at all', { answer: 'a', ability: 't' }, 'question', /missing/],
    ['no answer', verlRow({ reward_model: undefined }), 'reward_model.ground_truth', /missing/],
    ['ground truth null', verlRow({ reward_model: { style: 'rule', ground_truth: null } }), 'reward_model.ground_truth', /missing/],
    ['NaN answer', { question: 'q', answer: NaN, ability: 't' }, 'answer', /NaN/],
    ['empty question', { question: '  ', answer: 'a', ability: 't' }, 'question', /empty/],
    ['missing ability', verlRow({ ability: undefined }), 'ability', /missing/],
    ['unknown language', verlRow({}, { language: 'klingon' }), 'extra_info.language', /'klingon' is not a known language/],
    ['language not text', verlRow({}, { language: 7 }), 'extra_info.language', /expected a language/],
    ['region a number', verlRow({}, { region: 5 }), 'extra_info.region', /expected a string, a list of strings or null/],
    ['region list with a number', verlRow({}, { region: ['a', 1] }), 'extra_info.region[1]', /expected text/],
    ['region list with a null, then a number', verlRow({}, { region: [null, 'a', 2] }), 'extra_info.region[2]', /expected text/],
    ['extra_info not an object', verlRow({ extra_info: [1] }), 'extra_info', /expected an object/],
    ['huge question', { question: 'x'.repeat(MAX_TEXT_CHARS + 1), answer: 'a', ability: 't' }, 'question', /longer than the limit/],
  ];
  for (const [name, row, field, reason] of cases) {
    it(name, () => {
      const { examples, problems } = normalizeRows([verlRow(), row, verlRow()], { file: 'data.parquet' });
      expect(examples.map((e) => e.index)).toEqual([0, 2]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file: 'data.parquet', row: 1, field });
      expect(problems[0].reason).toMatch(reason);
    });
  }

  it('uses 1-based lines for JSONL rows', () => {
    const { problems } = normalizeRows([verlRow(), 'x'], { file: 'a.jsonl', lines: [1, 4] });
    expect(problems).toEqual([{ file: 'a.jsonl', line: 4, field: 'row', reason: expect.stringMatching(/expected an object/) }]);
  });

  it('reports and ignores bad reference entries but keeps the row', () => {
    const { examples, problems } = normalizeRows([verlRow({}, { references: { klingon: 'x', de: 5, en: 'Paris' } })]);
    expect(examples).toHaveLength(1);
    expect(examples[0].references).toEqual({ en: 'Paris', fr: 'Paris' });
    expect(problems.map((p) => p.field).sort()).toEqual(['extra_info.references.de', 'extra_info.references.klingon']);
  });
});

describe('missingColumnProblems', () => {
  it('names each missing required column', () => {
    expect(missingColumnProblems(['prompt', 'reward_model', 'extra_info'], 'x.parquet')).toEqual([
      { file: 'x.parquet', field: 'ability', reason: 'missing column ability' },
    ]);
    expect(missingColumnProblems(['prompt', 'reward_model'], 'x', ['topic'])).toEqual([]);
    expect(missingColumnProblems([], 'x').map((p) => p.field)).toEqual(['question', 'answer', 'ability']);
  });
});

describe('normalizeRows never throws and accounts for every row (fuzz)', () => {
  const anyValue = fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string()));
  const rowArb = fc.oneof(
    fc.record({
      question: anyValue, answer: anyValue, ability: anyValue, prompt: fc.oneof(anyValue, fc.array(fc.record({ role: fc.constantFrom('user', 'system', 'assistant'), content: anyValue }), { maxLength: 3 })),
      reward_model: fc.oneof(anyValue, fc.record({ ground_truth: anyValue })),
      extra_info: fc.oneof(anyValue, fc.record({ language: anyValue, region: anyValue, references: anyValue, topic: anyValue }, { requiredKeys: [] })),
    }, { requiredKeys: [] }),
    fc.anything(),
  );
  it('every row is either an example or has a problem naming it', () => {
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 20 }), (rows) => {
      const { examples, problems } = normalizeRows(rows, { file: 'f' });
      const bad = new Set(problems.filter((p) => !/ignored$/.test(p.reason)).map((p) => p.row));
      expect(examples.length + bad.size).toBe(rows.length);
      for (const e of examples) {
        expect(bad.has(e.index)).toBe(false);
        expect(e.question.trim()).not.toBe('');
        expect(e.answer.trim()).not.toBe('');
        expect(e.references[e.language]).toBe(e.answer);
      }
    }), { numRuns: 300 });
  });
});
