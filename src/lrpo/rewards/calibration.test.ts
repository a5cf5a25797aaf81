import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProblem } from '../../data/example';
import { formatPairStatsCsv, meanShift, pairKey, parsePairStats, type PairStats } from './calibration';

const CSV = ['lang_a,lang_b,count,mean,std', 'de,en,100,0.8,0.05', 'en,zh,300,0.6,0.1', 'ar,fr,100,0.4,0.2'].join('\n');

describe('parsePairStats + meanShift', () => {
  it('computes mu_ref as the count-weighted mean and shifts per unordered pair', () => {
    const { table, problems } = parsePairStats(CSV, 'stats.csv');
    expect(problems).toEqual([]);
    // mu_ref = (100·0.8 + 300·0.6 + 100·0.4) / 500 = (80 + 180 + 40) / 500 = 0.6
    expect(table.muRef).toBeCloseTo(0.6, 15);
    // de-en: s − (0.8 − 0.6) = 0.7 − 0.2 = 0.5, in either order
    expect(meanShift(0.7, 'de', 'en', table)).toBeCloseTo(0.5, 15);
    expect(meanShift(0.7, 'en', 'de', table)).toBeCloseTo(0.5, 15);
    // ar-fr: 0.3 − (0.4 − 0.6) = 0.5
    expect(meanShift(0.3, 'fr', 'ar', table)).toBeCloseTo(0.5, 15);
    // zh-en mean equals mu_ref: unchanged
    expect(meanShift(0.42, 'zh', 'en', table)).toBeCloseTo(0.42, 15);
    // clipping to [-1, 1]
    expect(meanShift(0.95, 'ar', 'fr', table)).toBe(1);
    expect(meanShift(-0.9, 'de', 'en', table)).toBe(-1);
    // missing pair: unchanged
    expect(meanShift(0.33, 'ja', 'ko', table)).toBe(0.33);
  });

  it('accepts any column order, extra columns, names, quotes, CRLF and a BOM', () => {
    const text = '\ufeffstd,mean,"lang_b",count,lang_a,note\r\n0.1,0.5,english,10,German,"a, b"\r\n\r\n';
    const { table, problems } = parsePairStats(text, 'x.csv');
    expect(problems).toEqual([]);
    expect([...table.pairs.values()]).toEqual([{ langA: 'de', langB: 'en', count: 10, mean: 0.5, std: 0.1 }]);
  });

  const BAD: [string, string, number, string | undefined, RegExp][] = [
    ['empty file', '', 1, undefined, /empty file/],
    ['missing column', 'lang_a,lang_b,count,mean\nde,en,1,0.5', 1, 'std', /no column 'std'/],
    ['too few fields', 'lang_a,lang_b,count,mean,std\nde,en,1,0.5', 2, undefined, /4 fields, the header has 5/],
    ['bad language', 'lang_a,lang_b,count,mean,std\nde,en,1,0.5,0.1\n12,en,1,0.5,0.1', 3, 'lang_a', /'12' is not a language code/],
    ['count not integer', 'lang_a,lang_b,count,mean,std\nde,en,1.5,0.5,0.1', 2, 'count', /positive integer/],
    ['count zero', 'lang_a,lang_b,count,mean,std\nde,en,0,0.5,0.1', 2, 'count', /positive integer/],
    ['mean not a number', 'lang_a,lang_b,count,mean,std\nde,en,3,abc,0.1', 2, 'mean', /'abc' is not a number/],
    ['mean out of range', 'lang_a,lang_b,count,mean,std\nde,en,3,1.5,0.1', 2, 'mean', /\[-1, 1\]/],
    ['mean NaN', 'lang_a,lang_b,count,mean,std\nde,en,3,NaN,0.1', 2, 'mean', /not a number/],
    ['negative std', 'lang_a,lang_b,count,mean,std\nde,en,3,0.5,-0.1', 2, 'std', /non-negative/],
    ['empty std', 'lang_a,lang_b,count,mean,std\nde,en,3,0.5,', 2, 'std', /non-negative/],
    ['duplicate pair', 'lang_a,lang_b,count,mean,std\nde,en,3,0.5,0.1\nen,de,4,0.6,0.1', 3, 'lang_a', /already given on line 2/],
    ['unterminated quote', 'lang_a,lang_b,count,mean,std\nde,en,3,0.5,0.1\n"de,en,3,0.5,0.1', 3, undefined, /never closed/],
  ];
  it.each(BAD)('reports %s with file, line and field', (_name, text, line, field, reason) => {
    const { problems } = parsePairStats(text, 'bad.csv');
    const p = problems.find((x) => x.line === line);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.file).toBe('bad.csv');
    expect(p!.field).toBe(field);
    expect(p!.reason).toMatch(reason);
  });

  it('formats a problem naming file, line and field', () => {
    const { problems } = parsePairStats('lang_a,lang_b,count,mean,std\nde,en,3,abc,0.1', 'stats.csv');
    expect(formatProblem(problems[0])).toBe("stats.csv, line 2, field mean: 'abc' is not a number in [-1, 1]");
  });

  it('keeps the good lines around bad ones', () => {
    const text = 'lang_a,lang_b,count,mean,std\nde,en,2,0.5,0.1\nxx!,en,1,0.5,0.1\nfr,en,2,0.7,0.1\n';
    const { table, problems } = parsePairStats(text, 'mix.csv');
    expect(problems.map((p) => p.line)).toEqual([3]);
    expect([...table.pairs.keys()].sort()).toEqual([pairKey('de', 'en'), pairKey('fr', 'en')].sort());
    expect(table.muRef).toBeCloseTo(0.6, 15);
  });
});

const LANGS = ['ar', 'de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'vi', 'zh'];
const rowArb = fc.record({
  langA: fc.constantFrom(...LANGS),
  langB: fc.constantFrom(...LANGS),
  count: fc.integer({ min: 1, max: 1_000_000 }),
  mean: fc.double({ min: -1, max: 1, noNaN: true }),
  std: fc.double({ min: 0, max: 2, noNaN: true }),
});
const uniqueRows = fc.uniqueArray(rowArb, { selector: (r) => pairKey(r.langA, r.langB), maxLength: 20 });

describe('parsePairStats fuzzing (fast-check)', () => {
  it('never throws on arbitrary text, and every problem names the file and a real line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const lines = text.split('\n').length;
        const { problems } = parsePairStats(text, 'fuzz.csv');
        for (const p of problems) {
          expect(p.file).toBe('fuzz.csv');
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any valid table through formatPairStatsCsv', () => {
    fc.assert(
      fc.property(uniqueRows, (rows: PairStats[]) => {
        const { table, problems } = parsePairStats(formatPairStatsCsv(rows), 'rt.csv');
        expect(problems).toEqual([]);
        expect([...table.pairs.values()]).toEqual(rows.map((r) => ({ ...r, mean: r.mean === 0 ? 0 : r.mean, std: r.std === 0 ? 0 : r.std })));
      }),
      { numRuns: 200 },
    );
  });

  it('a corrupted line among valid ones gives one problem on exactly that line and keeps the rest', () => {
    const corruption = fc.constantFrom(
      (f: string[]) => ((f[3] = 'x' + f[3]), f),
      (f: string[]) => ((f[2] = '-3'), f),
      (f: string[]) => ((f[0] = '??'), f),
      (f: string[]) => f.slice(0, 3),
      (f: string[]) => ((f[4] = '-1'), f),
    );
    fc.assert(
      fc.property(uniqueRows.filter((r) => r.length >= 2), fc.nat(), corruption, (rows, pick, corrupt) => {
        const k = pick % rows.length;
        const lines = formatPairStatsCsv(rows).trimEnd().split('\n');
        lines[k + 1] = corrupt(lines[k + 1].split(',')).join(',');
        const { table, problems } = parsePairStats(lines.join('\n'), 'c.csv');
        expect(problems.length).toBe(1);
        expect(problems[0].line).toBe(k + 2);
        expect(table.pairs.size).toBe(rows.length - 1);
      }),
      { numRuns: 200 },
    );
  });
});
