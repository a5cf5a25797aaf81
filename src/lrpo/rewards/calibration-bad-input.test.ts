// Calibration tables from bytes: lines that are not UTF-8, NaN/Infinity/1e400 cells, huge cells and
// keys, large tables (and their speed), and fuzzing of the bytes entry point for both formats.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProblem } from '../../data/example';
import { NOT_UTF8 } from '../../data/utf8-lines';
import { formatPairStatsCsv, type PairStats } from './calibration';
import { formatQuantileTableJson } from './calibration-quantile';
import { loadCalibrator } from './calibrator';

const enc = new TextEncoder();
const HEADER = 'lang_a,lang_b,count,mean,std';

/** n distinct pairs over made-up 3-letter codes (tableLanguage keeps unknown 2-3 letter codes) */
function manyPairs(n: number): PairStats[] {
  const code = (i: number) => String.fromCharCode(97 + (i % 26), 97 + (Math.floor(i / 26) % 26), 97 + (Math.floor(i / 676) % 26));
  return Array.from({ length: n }, (_, i) => ({ langA: 'en', langB: code(i + 1), count: 1 + (i % 50), mean: ((i % 200) - 100) / 100, std: 0.1 }));
}

describe('mean-shift CSV: bad cells and bytes', () => {
  it.each([
    ['NaN', 'mean', "'NaN' is not a number in [-1, 1]"],
    ['nan', 'mean', "'nan' is not a number in [-1, 1]"],
    ['Infinity', 'std', "'Infinity' is not a non-negative number"],
    ['1e400', 'std', "'1e400' is not a non-negative number"],
    ['-1e400', 'mean', "'-1e400' is not a number in [-1, 1]"],
    ['1e400', 'count', "'1e400' is not a positive integer"],
    ['0x10', 'count', "'0x10' is not a positive integer"],
    ['', 'mean', "'' is not a number in [-1, 1]"],
  ])('%s in %s is named, the other rows are kept', (cell, column, reason) => {
    const row = { lang_a: 'de', lang_b: 'fr', count: '3', mean: '0.5', std: '0.1', [column]: cell };
    const text = [HEADER, 'de,en,10,0.6,0.1', [row.lang_a, row.lang_b, row.count, row.mean, row.std].join(','), 'ja,en,5,0.4,0.2'].join('\n');
    const r = loadCalibrator('mean_shift', enc.encode(text), 'cal.csv');
    expect(r.pairs).toBe(2);
    expect(r.problems.map(formatProblem)).toEqual([`cal.csv, line 3, field ${column}: ${reason}`]);
  });

  it('-0 is a valid mean; a 1 MB cell is refused with a short message', () => {
    const big = 'x'.repeat(1_000_000);
    const r = loadCalibrator('mean_shift', enc.encode(`${HEADER}\nde,en,10,-0,0.1\n${big},en,1,0,0\n`), 'cal.csv');
    expect(r.pairs).toBe(1);
    expect(r.problems).toHaveLength(1);
    expect(formatProblem(r.problems[0])).toBe(`cal.csv, line 3, field lang_a: '${'x'.repeat(40)}…' is not a language code`);
  });

  it('a line that is not UTF-8 is named and skipped; the rest of the table is used', () => {
    const bytes = new Uint8Array([
      ...enc.encode(`${HEADER}\r\nde,en,10,0.6,0.1\r\n`),
      ...enc.encode('fr,en,4,0.'), 0xb5, ...enc.encode(',0.1\r\n'), // Latin-1 byte in a number cell
      ...enc.encode('ja,en,5,0.4,0.2\r\n'),
    ]);
    const r = loadCalibrator('mean_shift', bytes, 'cal.csv');
    expect(r.pairs).toBe(2);
    expect(r.problems).toEqual([{ file: 'cal.csv', line: 3, reason: NOT_UTF8 }]);
    expect(r.calibrate(0.6, 'de', 'en')).toBeCloseTo(0.6 - (0.6 - (10 * 0.6 + 5 * 0.4) / 15), 12);
    // the text path (what file.text() gives) would have read U+FFFD into the cell instead
    expect(loadCalibrator('mean_shift', new TextDecoder().decode(bytes), 'cal.csv').problems[0].field).toBe('mean');
  });

  it('a whole Latin-1 file: each line with non-ASCII bytes is named, ASCII lines still load', () => {
    const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    const r = loadCalibrator('mean_shift', latin1(`${HEADER}\nde,en,10,0.6,0.1\nfr,en,3,0.5,0.1 \u00e9t\u00e9\nes,en,2,0.5,0.1\n`), 'latin1.csv');
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([[3, NOT_UTF8]]);
    expect(r.pairs).toBe(2);
  });

  it('a 100 000-row table (about 2 MB) loads, with a bad line kept out', () => {
    const rows = manyPairs(17_000); // 17 000 distinct codes, each paired with 'en'
    const rest = Array.from({ length: 83_000 }, (_, i) => `de,x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}-${String(i).padStart(5, '0')},1,0.5,0.1`);
    const text = formatPairStatsCsv(rows) + rest.join('\n') + '\n';
    const bytes = enc.encode(text);
    bytes[bytes.length - 3] = 0xff; // inside the last line
    const r = loadCalibrator('mean_shift', bytes, 'big.csv');
    expect(r.pairs).toBe(17_000 + 83_000 - 1);
    expect(r.problems).toEqual([{ file: 'big.csv', line: 100_001, reason: NOT_UTF8 }]);
  });
});

describe('quantile JSON: bad values and bytes', () => {
  it.each([
    ['a NaN literal', '{\n"pairs": {\n"de-en": {"quantiles": [0, 1], "values": [NaN, 1]}}}', /^t\.json, line 3: not valid JSON/],
    ['1e400 in values', '{"pairs": {"de-en": {"quantiles": [0, 1], "values": [0, 1e400]}}}', /^t\.json, line 1, field pairs\.de-en\.values: expected an array of 2 finite numbers/],
    ['"NaN" strings', '{"pairs": {"de-en": {"quantiles": ["NaN", 1], "values": [0, 1]}}}', /field pairs\.de-en\.quantiles: expected an array of at least 2 finite numbers/],
    ['-0 quantile', '{"pairs": {"de-en": {"quantiles": [-0, 1], "values": [0, 1]}}}', null],
    ['a 1 MB key', `{"pairs": {"${'k'.repeat(1_000_000)}": {}}}`, /^t\.json, line 1, field pairs\.k{80}…: 'k{80}…' is not a language pair/],
  ])('%s', (_w, text, want) => {
    const r = loadCalibrator('quantile', enc.encode(text), 't.json');
    if (want === null) return expect(r.problems).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(formatProblem(r.problems[0])).toMatch(want);
    expect(formatProblem(r.problems[0]).length).toBeLessThan(400);
  });

  it('a file that is not UTF-8 is one document: named by its first bad line and not used', () => {
    const bytes = new Uint8Array([
      ...enc.encode('{"pairs": {\n  "de-en": {"quantiles": [0, 1], "values": [0.2, 0.9]},\n  "_note": "caf'), 0xe9,
      ...enc.encode('",\n  "ja-en": {"quantiles": [0, 1], "values": [0.1, 0.8]}\n}}'),
    ]);
    const r = loadCalibrator('quantile', bytes, 'q.json');
    expect(r.problems).toEqual([{ file: 'q.json', line: 3, reason: 'not valid UTF-8 text (save the file as UTF-8); the table is not used' }]);
    expect(r.pairs).toBe(0);
    expect(r.calibrate(0.3, 'de', 'en')).toBe(0.3);
  });

  it('a 20 000-pair table (about 1.6 MB) with problems near the end is read, problems placed by line', () => {
    const pairs = manyPairs(17_575).map((p) => ({ langA: p.langA, langB: p.langB, quantiles: [0, 0.5, 1], values: [0.1, 0.5, 0.9] }));
    const table = { pairs: new Map(pairs.map((p) => [`${p.langA}|${p.langB}`, p])) };
    const doc = JSON.parse(formatQuantileTableJson(table));
    doc.pairs['xx-yy-zz'] = {};
    const json = JSON.stringify(doc, null, 2);
    const r = loadCalibrator('quantile', enc.encode(json), 'big.json');
    expect(r.pairs).toBe(17_575);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'big.json', field: 'pairs.xx-yy-zz', line: json.split('\n').findIndex((l) => l.includes('xx-yy-zz')) + 1 });
  });
});

describe('calibration bytes: fuzzing', () => {
  it('arbitrary bytes never throw for either format; every problem names the file and a real line', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('mean_shift', 'quantile') as fc.Arbitrary<'mean_shift' | 'quantile'>, (bytes, mode) => {
      const r = loadCalibrator(mode, bytes, 'f');
      let lines = 1;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) lines++;
      for (const p of r.problems) {
        expect(p.file).toBe('f');
        if (p.line !== undefined) expect(p.line >= 1 && p.line <= lines).toBe(true);
      }
      expect(Number.isFinite(r.calibrate(0.5, 'de', 'en'))).toBe(true);
    }), { numRuns: 800, seed: 51 });
  });

  it('a valid CSV with bad bytes injected into one row loses exactly that row', () => {
    const rows = manyPairs(12);
    fc.assert(fc.property(fc.integer({ min: 0, max: 11 }), fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80]), (k, junk) => {
      const lines = formatPairStatsCsv(rows).trimEnd().split('\n').map((l) => [...enc.encode(l)]);
      lines[k + 1].splice(1, 0, ...junk);
      const bytes = new Uint8Array(lines.flatMap((l, i) => (i ? [0x0a, ...l] : l)));
      const r = loadCalibrator('mean_shift', bytes, 'f.csv');
      expect(r.problems).toEqual([{ file: 'f.csv', line: k + 2, reason: NOT_UTF8 }]);
      expect(r.pairs).toBe(11);
    }), { numRuns: 100, seed: 52 });
  });

  it('valid UTF-8 bytes read exactly as their text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constantFrom('mean_shift', 'quantile') as fc.Arbitrary<'mean_shift' | 'quantile'>, (s, mode) => {
      const text = s.replace(/^\uFEFF/, '');
      const a = loadCalibrator(mode, enc.encode(text), 'f');
      const b = loadCalibrator(mode, text, 'f');
      expect(a.problems).toEqual(b.problems);
      expect(a.pairs).toBe(b.pairs);
    }), { numRuns: 300, seed: 53 });
  });

  it('a record whose quoted cell spans a bad line is skipped whole, not read in halves', () => {
    const bytes = new Uint8Array([...enc.encode(`${HEADER},note\nde,en,10,0.6,0.1,"multi\nline `), 0xff, ...enc.encode(' note"\nja,en,5,0.4,0.2,x\n')]);
    const r = loadCalibrator('mean_shift', bytes, 'n.csv');
    expect(r.pairs).toBe(1);
    expect(r.problems).toEqual([{ file: 'n.csv', line: 3, reason: NOT_UTF8 }]);
  });
});
