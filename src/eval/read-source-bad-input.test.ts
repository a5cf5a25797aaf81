// Bad predictions files: lines that are not UTF-8 (named, the other lines load), NaN/Infinity/1e400,
// huge cells, a table of bad JSONL/CSV lines, fuzzing of rowsFromRecords with any cell values, and
// large files.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mapColumns } from './columns';
import { rowsFromRecords } from './load';
import { readSource } from './read-source';

const enc = new TextEncoder();
const cat = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));

async function load(name: string, bytes: Uint8Array) {
  const t = await readSource(name, bytes);
  const r = rowsFromRecords(t.records, t.columns, mapColumns(t.columns), name);
  return { rows: r.rows, problems: [...t.problems, ...r.problems] };
}

describe('predictions files that are not UTF-8', () => {
  it('JSONL: the bad line is named and skipped, every other line loads', async () => {
    const ok = (i: number) => JSON.stringify({ question: `q${i}`, target: 't', prediction: 'p', language: 'es' });
    const { rows, problems } = await load('p.jsonl', cat(ok(1), '\n', '{"question": "a', [0xf1], 'o", "target": "t", "prediction": "p", "language": "es"}\n', ok(3), '\n'));
    expect(rows.map((r) => r.question)).toEqual(['q1', 'q3']);
    expect(problems).toEqual([{ file: 'p.jsonl', reason: 'line 2: not valid UTF-8 text (the line is skipped; save the file as UTF-8)' }]);
  });

  it('CSV: the bad line is named; a record whose quoted field runs over it is left out too', async () => {
    const bytes = cat(
      'question,target,prediction,language\r\n',
      'q1,t,p,es\r\n',
      'q2,t,p', [0xe9], ',es\r\n', // line 3: bad
      '"q3 line one\r\nline two ', [0xff], '",t,p,es\r\n', // record on lines 4-5, bad byte on line 5
      'q4,t,p,es\r\n',
    );
    const { rows, problems } = await load('p.csv', bytes);
    expect(rows.map((r) => r.question)).toEqual(['q1', 'q4']);
    expect(problems.map((p) => p.reason)).toEqual([
      'line 3: not valid UTF-8 text (the line is skipped; save the file as UTF-8)',
      'line 5: not valid UTF-8 text (the line is skipped; save the file as UTF-8)',
    ]);
  });

  it('CSV: a bad byte on the line that opens a quoted multi-line field leaves out that record only (no half-record appears)', async () => {
    const bytes = cat('question,target,prediction,language\n', '"q3 ', [0xc3], ' line one\nline two, still q3",t,p,es\n', 'q4,t,p,es\n');
    const { rows, problems } = await load('p.csv', bytes);
    expect(rows.map((r) => r.question)).toEqual(['q4']);
    expect(problems.map((p) => p.reason)).toEqual(['line 2: not valid UTF-8 text (the line is skipped; save the file as UTF-8)']);
  });

  it('TSV with lone CR line ends keeps its line numbers', async () => {
    const { rows, problems } = await load('p.tsv', cat('question\ttarget\tprediction\tlanguage\r', 'q1\tt\tp\ten\r', 'q', [0x80], '\tt\tp\ten\r', 'q3\tt\tp\ten\r'));
    expect(rows.map((r) => r.question)).toEqual(['q1', 'q3']);
    expect(problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^line 3: not valid UTF-8/)]);
  });

  it('a JSON array file is one document: refused as a whole, naming the line', async () => {
    const { rows, problems } = await load('p.json', cat('[\n{"question": "q"},\n{"question": "', [0xfe], '"}\n]'));
    expect(rows).toEqual([]);
    expect(problems[0].reason).toMatch(/^line 3: the file is not valid UTF-8 text/);
  });
});

describe('table of bad JSONL lines', () => {
  const base = { question: 'q', target: 't', prediction: 'p', language: 'en' };
  it.each([
    ['NaN literal', '{"question": "q", "target": NaN, "prediction": "p", "language": "en"}', /line 2: not valid JSON .*; it contains NaN or Infinity, which JSON does not allow/],
    ['1e400 target', '{"question": "q", "target": 1e400, "prediction": "p", "language": "en"}', /target is Infinity, not text \(line 2\)/],
    ['-1e400 prediction', '{"question": "q", "target": "t", "prediction": -1e400, "language": "en"}', /prediction is -Infinity, not text \(line 2\)/],
    ['null line', 'null', /line 2: expected a JSON object, got object/],
    ['a string line', '"q"', /line 2: expected a JSON object, got string/],
    ['huge question', JSON.stringify({ ...base, question: 'x'.repeat(300_000) }), /question text is 300000 characters, more than 200000 \(line 2\)/],
    ['huge language', JSON.stringify({ ...base, language: 'l'.repeat(300_000) }), /language text is 300000 characters/],
    ['object prediction', JSON.stringify({ ...base, prediction: { text: 'p' } }), /prediction expected text, got object/],
    ['truncated line', '{"question": "q", "tar', /line 2: not valid JSON/],
  ])('%s', async (_w, bad, reason) => {
    const lines = [JSON.stringify(base), bad, JSON.stringify({ ...base, question: 'q3' })];
    const { rows, problems } = await load('b.jsonl', enc.encode(lines.join('\n')));
    expect(rows.map((r) => r.question)).toEqual(['q', 'q3']);
    expect(problems).toHaveLength(1);
    expect(problems[0].reason).toMatch(reason);
    expect(problems[0].file).toBe('b.jsonl');
    expect(problems[0].reason.length).toBeLessThan(300);
  });
});

describe('fuzzing and size', () => {
  it('property: rowsFromRecords never throws on any cell values, and accounts for every record', () => {
    const cols = ['question', 'target', 'prediction', 'language', 'region', 'setting', 'label', 'id'];
    const cell = fc.oneof(fc.anything(), fc.double(), fc.constantFrom(Number.NaN, Infinity, -0, 'NaN', '', ' ', 'en', 'local', 'CORRECT'), fc.string({ maxLength: 20 }), fc.bigInt());
    fc.assert(fc.property(fc.array(fc.record(Object.fromEntries(cols.map((c) => [c, cell])), { requiredKeys: [] }), { maxLength: 20 }), (values) => {
      const recs = values.map((v, i) => ({ values: v as Record<string, unknown>, line: i + 2 }));
      const r = rowsFromRecords(recs, cols, mapColumns(cols), 'f.parquet');
      const rejected = new Set(r.problems.filter((p) => !/row kept/.test(p.reason)).map((p) => p.row));
      expect(r.rows.length + rejected.size).toBe(recs.length);
      for (const row of r.rows) expect(typeof row.question === 'string' && typeof row.prediction === 'string').toBe(true);
    }), { numRuns: 500, seed: 71 });
  });

  it('property: arbitrary bytes with a valid header read without throwing, problems name a real line', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.csv', 'a.tsv', 'a.jsonl'), async (junk, name) => {
      const header = name.endsWith('jsonl') ? '' : name.endsWith('csv') ? 'question,target,prediction,language\n' : 'question\ttarget\tprediction\tlanguage\n';
      const bytes = cat(header, [...junk]);
      const t = await readSource(name, bytes);
      let lines = 1;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) lines++;
      for (const p of t.problems) {
        const m = /^line (\d+):/.exec(p.reason);
        if (m) expect(Number(m[1]) >= 1 && Number(m[1]) <= lines).toBe(true);
      }
      rowsFromRecords(t.records, t.columns, mapColumns(t.columns), name);
    }), { numRuns: 400, seed: 72 });
  });

  it('reads a 60 000-row CSV (about 7 MB) and a 60 000-line JSONL with one bad line each', async () => {
    const n = 60_000;
    const csv = ['id,question,target,prediction,language'];
    const jsonl: string[] = [];
    for (let i = 0; i < n; i++) {
      const q = `Question ${i}, with "quotes" and a comma ${'lorem ipsum '.repeat(6)}`;
      csv.push(`r${i},"${q.replace(/"/g, '""')}",answer ${i},prediction ${i},es`);
      jsonl.push(JSON.stringify({ id: `r${i}`, question: q, target: `answer ${i}`, prediction: `prediction ${i}`, language: 'es' }));
    }
    for (const [name, text, badAt] of [['big.csv', csv.join('\n'), 30_001], ['big.jsonl', jsonl.join('\n'), 30_000]] as const) {
      const bytes = enc.encode(text);
      const lineStart = text.split('\n', badAt - 1).join('\n').length + 1;
      bytes[lineStart + 1] = 0xff;
      const t0 = performance.now();
      const { rows, problems } = await load(name, bytes);
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(rows).toHaveLength(n - 1);
      expect(problems.map((p) => p.reason)).toEqual([expect.stringMatching(new RegExp(`^line ${badAt}: not valid UTF-8`))]);
    }
  });
});
