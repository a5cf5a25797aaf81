import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mapColumns, missingFields } from './columns';
import { normalizeSetting, rowsFromRecords } from './load';
import { decodeUtf8, readSource } from './read-source';

const FIXTURES = path.resolve(__dirname, '../../e2e/fixtures/eval');

async function loadFile(name: string, override = {}) {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, name)));
  const table = await readSource(name, bytes);
  const mapping = mapColumns(table.columns, override);
  const loaded = rowsFromRecords(table.records, table.columns, mapping, name);
  return { table, mapping, ...loaded, problems: [...table.problems, ...loaded.problems] };
}

describe('column aliases', () => {
  it('maps common aliases', () => {
    expect(mapColumns(['ID', 'Prompt', 'gold answer', 'Response', 'Locale', 'Country', 'Category', 'Verdict'])).toEqual({
      id: 'ID', question: 'Prompt', target: 'gold answer', prediction: 'Response', language: 'Locale',
      region: 'Country', setting: 'Category', label: 'Verdict',
    });
  });
  it('an override wins and an empty override unmaps', () => {
    const m = mapColumns(['frage', 'answer', 'pred', 'lang', 'type'], { question: 'frage', setting: '' });
    expect(m).toEqual({ question: 'frage', target: 'answer', prediction: 'pred', language: 'lang' });
    expect(missingFields(m, ['frage', 'answer', 'pred', 'lang'])).toEqual([]);
  });
  it('names what is missing', () => {
    expect(missingFields(mapColumns(['frage', 'gold', 'pred', 'lang']), ['frage', 'gold', 'pred', 'lang'])).toEqual(['question']);
  });
});

describe('normalizeSetting', () => {
  it.each([
    ['local', 'local-insider'], ['Insider', 'local-insider'], ['local_insider', 'local-insider'], ['LOCAL-INSIDER', 'local-insider'],
    ['cross', 'cross-cultural'], ['cross_cultural', 'cross-cultural'], ['Cross Cultural', 'cross-cultural'], ['sideways', null],
  ])('%s -> %s', (v, want) => expect(normalizeSetting(v)).toBe(want));
});

describe('loading the CSV fixture', () => {
  it('reads all 13 rows through aliases, with languages, settings and the existing label', async () => {
    const { rows, problems, mapping } = await loadFile('care-predictions.csv');
    expect(problems).toEqual([]);
    expect(mapping).toMatchObject({ target: 'gold_answer', prediction: 'model_answer', language: 'lang', region: 'country', setting: 'type', label: 'judge' });
    expect(rows).toHaveLength(13);
    expect(rows.map((r) => r.language)).toEqual([...Array(4).fill('zh'), ...Array(4).fill('hi'), ...Array(5).fill('es')]);
    expect(rows[9].question).toBe('¿Qué plato lleva arroz, azafrán y se cocina en Valencia?');
    expect(rows[11].prediction).toBe('Barcelona, creo');
    expect(rows.filter((r) => r.setting === 'local-insider').map((r) => r.id)).toEqual(['q01', 'q02', 'q05', 'q07', 'q09', 'q10', 'q13']);
    expect(rows[12].verdict).toEqual({ label: 'CORRECT', raw: 'A', model: 'input' });
    expect(rows.slice(0, 12).every((r) => r.verdict === undefined)).toBe(true);
  });
});

describe('bad input', () => {
  it('lists every unusable row with file, row/line, field and why, and keeps the rest', async () => {
    const { rows, problems } = await loadFile('bad-predictions.jsonl', { question: 'frage' });
    expect(rows.map((r) => r.prediction)).toEqual(['Lima']);
    const text = problems.map((p) => `${p.file}|${p.row ?? ''}|${p.field ?? ''}|${p.reason}`);
    expect(text).toEqual([
      expect.stringMatching(/^bad-predictions.jsonl\|\|\|line 3: not valid JSON/),
      expect.stringMatching(/^bad-predictions.jsonl\|\|\|line 4: not valid JSON/),
      'bad-predictions.jsonl|||line 8: expected a JSON object, got an array',
      "bad-predictions.jsonl|1|lang|language 'klingon' is not a language name or ISO code we know (line 2)",
      'bad-predictions.jsonl|2|frage|question is missing or empty (line 5)',
      'bad-predictions.jsonl|3|pred|prediction is missing (an empty answer must be given as "") (line 6)',
      "bad-predictions.jsonl|4|setting|setting 'sideways' is neither local-insider nor cross-cultural (line 7)",
    ]);
  });
  it('a missing required column is one clear problem', async () => {
    const { rows, problems } = await loadFile('bad-predictions.jsonl');
    expect(rows).toEqual([]);
    expect(problems.at(-1)).toMatchObject({ field: 'question', reason: expect.stringMatching(/no column for question; pick one \(columns: frage/) });
  });
  it('names the line of non-UTF-8 bytes', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a,b\n1,2\n'), 0xff, 0xfe, 0x0a]);
    expect(decodeUtf8(bytes, 'x.csv')).toEqual({ problem: { file: 'x.csv', reason: expect.stringMatching(/^line 3: the file is not valid UTF-8/) } });
  });
  it('refuses NaN, objects and huge strings per field', () => {
    const recs = [
      { values: { question: 'q', target: Number.NaN, prediction: 'p', language: 'en' } },
      { values: { question: 'q', target: 't', prediction: { a: 1 }, language: 'en' } },
      { values: { question: 'x'.repeat(300_000), target: 't', prediction: 'p', language: 'en' } },
      { values: { question: 'q', target: 42, prediction: '', language: 'EN', region: ['a', 'b'] } },
    ];
    const cols = ['question', 'target', 'prediction', 'language', 'region'];
    const r = rowsFromRecords(recs, cols, mapColumns(cols), 'm.parquet');
    expect(r.problems.map((p) => [p.row, p.field, p.reason])).toEqual([
      [0, 'target', 'target is NaN, not text'],
      [1, 'prediction', 'prediction expected text, got object'],
      [2, 'question', 'question text is 300000 characters, more than 200000'],
    ]);
    expect(r.rows).toMatchObject([{ index: 3, target: '42', prediction: '', language: 'en', region: 'a, b' }]);
  });
  it('unknown extensions and unreadable parquet are problems, not exceptions', async () => {
    expect((await readSource('x.xlsx', new Uint8Array())).problems[0].reason).toMatch(/unknown file type/);
    expect((await readSource('x.parquet', new TextEncoder().encode('not parquet'))).problems[0].reason).toMatch(/not a readable parquet file/);
  });
  it('never throws on arbitrary bytes as CSV or JSONL (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('a.csv', 'a.jsonl', 'a.json', 'a.tsv'), async (bytes, name) => {
        const t = await readSource(name, bytes);
        const m = mapColumns(t.columns);
        const r = rowsFromRecords(t.records, t.columns, m, name);
        expect(Array.isArray(r.rows)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parquet', () => {
  it('reads rows from a parquet file written with parquet-wasm', async () => {
    const { tableFromArrays, tableToIPC } = await import('apache-arrow');
    // parquet-wasm as the data layer loads it (src/data/parquet, the one parquet path)
    const pq = await (await import('../data/parquet/parquet-wasm')).loadParquetWasm();
    const arrow = tableFromArrays({
      question: ['¿Capital de España?', 'भारत की राजधानी?'],
      gold: ['Madrid', 'नई दिल्ली'],
      response: ['Madrid', 'दिल्ली'],
      locale: ['es', 'hi'],
      category: ['cross', 'local'],
    });
    const bytes = pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(arrow, 'stream')));
    const t = await readSource('p.parquet', bytes);
    expect(t.problems).toEqual([]);
    const r = rowsFromRecords(t.records, t.columns, mapColumns(t.columns), 'p.parquet');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.question, x.target, x.prediction, x.language, x.setting])).toEqual([
      ['¿Capital de España?', 'Madrid', 'Madrid', 'es', 'cross-cultural'],
      ['भारत की राजधानी?', 'नई दिल्ली', 'दिल्ली', 'hi', 'local-insider'],
    ]);
  });
});
