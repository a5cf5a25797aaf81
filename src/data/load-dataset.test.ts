import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUsable, loadDataset } from './load-dataset.ts';
import { writeExamplesParquet } from './parquet/write-parquet.ts';
import { normalizeRows } from './schema.ts';
import type { Example } from './example.ts';
import { NOT_UTF8 } from './utf8-lines.ts';

const enc = new TextEncoder();
const jsonl = (rows: unknown[]) => enc.encode(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
const good = (i: number) => ({ question: `Question ${i}?`, answer: `A${i}`, ability: 'General Knowledge', extra_info: { language: 'en', region: null } });

function example(i: number, over: Partial<Example> = {}): Example {
  return {
    index: i, dataSource: 'test', question: `Q${i}`, answer: `A${i}`, topic: 'Regional Knowledge', language: 'zh',
    regions: ['China'], references: { zh: `A${i}`, en: `E${i}` }, prompt: [{ role: 'user', content: `Q${i}` }], split: 'train', ...over,
  };
}

describe('parquet written by writeExamplesParquet reads back through loadDataset', () => {
  it('round-trips questions, answers, topics, languages, region lists and references', async () => {
    const ex = [
      example(0),
      example(1, { regions: [], language: 'en', references: { en: 'A1' }, answer: 'A1' }),
      example(2, { regions: ['China', 'Japan'], references: { zh: 'A2', hi: 'हिन्दी', vi: 'Việt' } }),
      example(3, { question: '<img src=x onerror=alert(1)>', language: 'ar', references: { ar: 'A3' } }),
    ];
    const bytes = await writeExamplesParquet(ex);
    const d = await loadDataset(bytes, 'round.parquet');
    expect(d.problems).toEqual([]);
    expect(d.format).toBe('parquet');
    expect(d.rowCount).toBe(4);
    expect(d.examples.map((e) => [e.question, e.answer, e.topic, e.language, e.regions, e.references, e.split, e.dataSource])).toEqual(
      ex.map((e) => [e.question, e.answer, e.topic, e.language, e.regions, e.references, e.split, e.dataSource]),
    );
    expect(d.columns).toEqual(expect.arrayContaining(['data_source', 'prompt', 'ability', 'reward_model', 'extra_info']));
  });

  it('keeps a null region and an empty region list apart (the reference keys them "None" and "[]")', async () => {
    const ex = [example(0, { regions: [], region: null }), example(1, { regions: [], region: [] }), example(2, { region: 'China' })];
    const d = await loadDataset(await writeExamplesParquet(ex), 'regions.parquet');
    expect(d.problems).toEqual([]);
    expect(d.examples.map((e) => e.region)).toEqual([null, [], ['China']]);
  });
});

describe('bad inputs: a clear file-level message, nothing thrown', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const cases: [string, string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    ['empty file', 'e.parquet', () => new Uint8Array(), /the file is empty/],
    ['only whitespace', 'e.jsonl', () => enc.encode('  \n\n '), /empty/],
    ['PNG named .parquet', 'pic.parquet', () => png, /not a parquet file: it does not start with PAR1 \(it looks like a PNG image\)/],
    ['PNG with its own name', 'pic.png', () => png, /looks like a PNG image/],
    ['plain text', 'notes.txt', () => enc.encode('hello world'), /not a parquet or JSONL dataset \(it starts with bytes 68 65/],
    ['truncated parquet', 't.parquet', async () => (await writeExamplesParquet([example(0)])).slice(0, 200), /malformed parquet: the file is truncated/],
    ['corrupt parquet body', 'c.parquet', async () => {
      const b = await writeExamplesParquet([example(0)]);
      const c = b.slice();
      for (let i = 4; i < c.length - 8; i++) c[i] = (c[i] * 7 + 13) & 0xff;
      return c;
    }, /malformed parquet/],
    ['JSON that is not an array', 'x.json', () => enc.encode('[1,2'), /not valid JSON/],
    ['non-UTF-8 JSON array', 'x.json', () => new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]), /not valid UTF-8/],
  ];
  for (const [name, file, make, reason] of cases) {
    it(name, async () => {
      const d = await loadDataset(await make(), file);
      expect(isUsable(d)).toBe(false);
      expect(d.problems.length).toBeGreaterThan(0);
      expect(d.problems[0].file).toBe(file);
      expect(d.problems[0].reason).toMatch(reason);
    });
  }

  it('a parquet without `ability` is one file-level problem "missing column ability"', async () => {
    const pw = await import('./parquet/parquet-wasm.ts').then((m) => m.loadParquetWasm());
    const { tableFromArrays, tableToIPC } = await import('apache-arrow');
    const t = tableFromArrays({ question: ['q1', 'q2'], answer: ['a1', 'a2'] });
    const bytes = pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(t, 'stream')));
    const d = await loadDataset(bytes, 'noability.parquet');
    expect(d.rowCount).toBe(2);
    expect(d.examples).toEqual([]);
    expect(d.problems).toEqual([{ file: 'noability.parquet', field: 'ability', reason: 'missing column ability' }]);
  });
});

describe('parquet with NaN values and nulls', () => {
  it('reports a NaN answer and a null question by row and keeps the rest', async () => {
    const pw = await import('./parquet/parquet-wasm.ts').then((m) => m.loadParquetWasm());
    const { tableFromArrays, tableToIPC } = await import('apache-arrow');
    const t = tableFromArrays({
      question: ['q0', 'q1', 'q2'],
      answer: new Float64Array([1.5, NaN, 3]),
      ability: ['Science', 'Science', 'Science'],
    });
    const d = await loadDataset(pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(t, 'stream'))), 'nan.parquet');
    expect(d.examples.map((e) => [e.question, e.answer])).toEqual([['q0', '1.5'], ['q2', '3']]);
    expect(d.problems).toEqual([{ file: 'nan.parquet', row: 1, field: 'answer', reason: 'the answer is NaN, not a value' }]);
  });
});

describe('JSONL: a bad line is a problem with its line number; other lines are kept', () => {
  it('handles bad JSON, non-UTF-8 bytes, NaN, CRLF, a BOM and blank lines', async () => {
    const parts = [
      new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode(JSON.stringify(good(1)) + '\r\n'),
      enc.encode('{"question": "broken"\n'),
      new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
      enc.encode('\n'),
      enc.encode('{"question":"q","answer":NaN,"ability":"t"}\n'),
      enc.encode(JSON.stringify({ ...good(6), answer: null }) + '\n'),
      enc.encode(JSON.stringify(good(7))),
    ];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { bytes.set(p, o); o += p.length; }
    const d = await loadDataset(bytes, 'mixed.jsonl');
    expect(d.examples.map((e) => e.question)).toEqual(['Question 1?', 'Question 7?']);
    expect(d.rowCount).toBe(6);
    expect(d.problems.map((p) => [p.line, p.field])).toEqual([[2, undefined], [3, undefined], [5, undefined], [6, 'reward_model.ground_truth']]);
    expect(d.problems[1].reason).toBe(NOT_UTF8);
    expect(d.problems.every((p) => p.file === 'mixed.jsonl')).toBe(true);
  });

  it('keeps a very large string as a row problem without losing the others', async () => {
    const d = await loadDataset(jsonl([good(0), { ...good(1), question: 'x'.repeat(300_000) }, good(2)]), 'big.jsonl');
    expect(d.examples).toHaveLength(2);
    expect(d.problems).toEqual([{ file: 'big.jsonl', line: 2, field: 'question', reason: expect.stringMatching(/300000 characters/) }]);
  });

  it('reads a large file (20,000 rows)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => good(i));
    const d = await loadDataset(jsonl(rows), 'many.jsonl');
    expect(d.examples).toHaveLength(20_000);
    expect(d.problems).toEqual([]);
  });

  it('whole file missing ability is one file-level problem', async () => {
    const d = await loadDataset(jsonl([{ question: 'q', answer: 'a' }]), 'x.jsonl');
    expect(d.problems).toEqual([{ file: 'x.jsonl', field: 'ability', reason: 'missing column ability' }]);
  });

  it('fuzz: arbitrary bytes never throw and every problem names the file', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.jsonl', 'a.parquet', 'a.json', 'a'), async (bytes, name) => {
      const d = await loadDataset(bytes, name);
      expect(d.examples.length + d.problems.length).toBeGreaterThan(0);
      for (const p of d.problems) expect(p.file).toBe(name);
    }), { numRuns: 200 });
  });

  it('fuzz: JSONL of arbitrary JSON lines matches normalizeRows of the parsed lines', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(fc.jsonValue(), fc.record({ question: fc.string(), answer: fc.string(), ability: fc.string() })), { minLength: 1, maxLength: 15 }), async (values) => {
      const objects = values.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
      if (!objects.length) return;
      const text = objects.map((v) => JSON.stringify(v)).join('\n');
      const d = await loadDataset(enc.encode(text), 'f.jsonl');
      const keys = new Set(objects.flatMap((o) => Object.keys(o as object)));
      if (!keys.has('ability') || (!keys.has('question') && !keys.has('prompt')) || (!keys.has('answer') && !keys.has('reward_model'))) {
        expect(d.examples).toEqual([]);
        return;
      }
      expect(d.examples.length).toBe(normalizeRows(objects).examples.length);
    }), { numRuns: 150 });
  });
});
