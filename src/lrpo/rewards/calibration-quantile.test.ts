import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anchorFromSamples, formatQuantileTableJson, parseQuantileTable, quantileCalibrate, quantileCdf, quantileTableFromSamples, sampleQuantile } from './calibration-quantile';

const JSON_TABLE = `{
  "pairs": {
    "de-en": { "quantiles": [0, 0.5, 1], "values": [0.2, 0.6, 0.8] },
    "zh-en": { "quantiles": [0, 0.25, 0.75, 1], "values": [0.1, 0.3, 0.3, 0.9] }
  }
}`;

describe('quantile CDF calibration', () => {
  const { table, problems } = parseQuantileTable(JSON_TABLE, 'q.json');

  it('parses the documented schema', () => {
    expect(problems).toEqual([]);
    expect(table.pairs.size).toBe(2);
  });

  it('maps s through the piecewise-linear CDF as the reference: 0 below the first knot, 1 at or above the last, first of tied knots', () => {
    const de = table.pairs.get('de|en')!;
    expect(quantileCdf(0.1, de)).toBe(0); // below the first knot
    expect(quantileCdf(0.9, de)).toBe(1); // above the last knot
    expect(quantileCdf(0.8, de)).toBe(1); // at the last knot
    expect(quantileCdf(0.2, de)).toBe(0); // at the first knot: its quantile
    expect(quantileCdf(0.6, de)).toBe(0.5); // on a knot
    expect(quantileCdf(0.4, de)).toBeCloseTo(0.25, 15); // halfway 0.2..0.6 -> halfway 0..0.5
    expect(quantileCdf(0.7, de)).toBeCloseTo(0.75, 15);
    // s_cal = 2F − 1, either order of the pair
    expect(quantileCalibrate(0.4, 'en', 'de', table)).toBeCloseTo(-0.5, 15);
    expect(quantileCalibrate(0.7, 'de', 'en', table)).toBeCloseTo(0.5, 15);
    // tied knots (0.3 at quantiles 0.25 and 0.75): the first, 0.25
    const zh = table.pairs.get('en|zh')!;
    expect(quantileCdf(0.3, zh)).toBe(0.25);
    expect(quantileCdf(0.2, zh)).toBeCloseTo(0.125, 15);
    expect(quantileCdf(0.6, zh)).toBeCloseTo(0.875, 15); // between the last tied knot and 0.9
    // knots not starting at 0 / ending at 1: still 0 below and 1 at or above
    const mid = { quantiles: [0.1, 0.9], values: [0.2, 0.4] };
    expect([quantileCdf(0.1, mid), quantileCdf(0.2, mid), quantileCdf(0.4, mid)]).toEqual([0, 0.1, 1]);
    expect(quantileCdf(0.3, mid)).toBeCloseTo(0.5, 15);
    // missing pair: F = clamp(s, 0, 1) -> s_cal = 2F − 1
    expect(quantileCalibrate(0.37, 'ja', 'en', table)).toBeCloseTo(-0.26, 15);
    expect(quantileCalibrate(-0.4, 'ja', 'en', table)).toBe(-1);
  });

  it('normalizes by the upper anchor first: s = min(1, s / (U + 1e-6))', () => {
    const { table: t, problems: p } = parseQuantileTable('{"anchor": 0.8, "pairs": {"de-en": {"quantiles": [0, 0.5, 1], "values": [0.25, 0.5, 1]}}}', 'a.json');
    expect(p).toEqual([]);
    expect(t.anchor).toBe(0.8);
    // 0.4 / 0.800001 = 0.49999937...; F = 0.5 * (x − 0.25) / 0.25 + 0 below the 0.5 knot
    const x = 0.4 / (0.8 + 1e-6);
    expect(quantileCalibrate(0.4, 'de', 'en', t)).toBeCloseTo(2 * ((x - 0.25) / 0.25 * 0.5) - 1, 15);
    expect(quantileCalibrate(0.9, 'de', 'en', t)).toBe(1); // min(1, 1.125) = 1 -> at the last knot
    // a missing pair: clamp of the normalized s
    expect(quantileCalibrate(0.4, 'ja', 'en', t)).toBeCloseTo(2 * x - 1, 15);
    const bad = parseQuantileTable('{"pairs": {},\n"anchor": -2}', 'b.json').problems;
    expect(bad).toEqual([{ file: 'b.json', line: 2, field: 'anchor', reason: 'expected the upper anchor, a similarity in (0, 1], got -2' }]);
  });

  it('a fitted table carries the anchor (mean same-language similarity) and knots in normalized units', () => {
    const samples = [
      { langA: 'de', langB: 'de', samples: [0.98, 0.96] },
      { langA: 'de', langB: 'en', samples: [0.4, 0.6] },
      { langA: 'en', langB: 'en', samples: [1] },
    ];
    const anchor = anchorFromSamples(samples)!;
    expect(anchor).toBeCloseTo((0.98 + 0.96 + 1) / 3, 15);
    const t = quantileTableFromSamples(samples, [0, 1], anchor);
    expect(t.pairs.get('de|en')!.values).toEqual([0.4 / (anchor + 1e-6), 0.6 / (anchor + 1e-6)]);
    const back = parseQuantileTable(formatQuantileTableJson(t), 'fit.json');
    expect(back.problems).toEqual([]);
    expect(back.table.anchor).toBe(anchor);
    expect(anchorFromSamples([{ langA: 'de', langB: 'en', samples: [0.5] }])).toBeUndefined();
  });

  it('is monotone and stays in [0, 1]', () => {
    const de = table.pairs.get('de|en')!;
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(quantileCdf(lo, de)).toBeLessThanOrEqual(quantileCdf(hi, de));
        expect(quantileCdf(lo, de)).toBeGreaterThanOrEqual(0);
        expect(quantileCdf(hi, de)).toBeLessThanOrEqual(1);
      }),
    );
  });

  const BAD: [string, string, number | undefined, string | undefined, RegExp][] = [
    ['broken JSON', '{\n  "pairs": {\n    "de-en": [,]\n  }\n}', 3, undefined, /not valid JSON/],
    ['no pairs object', '{"pair": {}}', 1, 'pairs', /expected an object/],
    ['bad key', '{"pairs": {\n"deen": {"quantiles": [0,1], "values": [0,1]}}}', 2, 'pairs.deen', /not a language pair/],
    ['quantiles not increasing', '{"pairs": {\n\n"de-en": {"quantiles": [0,0.6,0.5,1], "values": [0,0.1,0.2,1]}}}', 3, 'pairs.de-en.quantiles[2]', /strictly increasing/],
    ['values decreasing', '{"pairs": {"de-en": {"quantiles": [0,1], "values": [0.5,0.1]}}}', 1, 'pairs.de-en.values[1]', /non-decreasing/],
    ['length mismatch', '{"pairs": {"de-en": {"quantiles": [0,1], "values": [0.5]}}}', 1, 'pairs.de-en.values', /as many as quantiles/],
    ['non-number', '{"pairs": {"de-en": {"quantiles": [0,"1"], "values": [0,1]}}}', 1, 'pairs.de-en.quantiles', /finite numbers/],
    ['duplicate pair', '{"pairs": {"de-en": {"quantiles": [0,1], "values": [0,1]},\n"en-de": {"quantiles": [0,1], "values": [0,1]}}}', 2, 'pairs.en-de', /given twice/],
  ];
  it.each(BAD)('reports %s with file, line and field', (_n, text, line, field, reason) => {
    const { problems } = parseQuantileTable(text, 'bad.json');
    expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
    const p = problems[0];
    expect(p.file).toBe('bad.json');
    expect(p.line).toBe(line);
    expect(p.field).toBe(field);
    expect(p.reason).toMatch(reason);
  });

  it('never throws on arbitrary JSON values or text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ pairs: { 'de-en': v } }))), (text) => {
        const { problems } = parseQuantileTable(text, 'f.json');
        for (const p of problems) expect(p.file).toBe('f.json');
      }),
      { numRuns: 300 },
    );
  });
});

describe('quantile table from samples', () => {
  it('takes quantiles with linear interpolation (numpy default)', () => {
    const x = [1, 2, 3, 4];
    expect(sampleQuantile(x, 0)).toBe(1);
    expect(sampleQuantile(x, 1)).toBe(4);
    expect(sampleQuantile(x, 0.5)).toBe(2.5); // h = 1.5
    expect(sampleQuantile(x, 0.25)).toBe(1.75); // h = 0.75
    expect(sampleQuantile([7], 0.3)).toBe(7);
  });

  it('writes JSON that parses back with no problems and calibrates the median to 0', () => {
    const samples = [0.9, 0.5, 0.7, 0.6, 0.8];
    const table = quantileTableFromSamples([{ langA: 'de', langB: 'en', samples }], [0, 0.25, 0.5, 0.75, 1]);
    expect(table.pairs.get('de|en')!.values).toEqual([0.5, 0.6, 0.7, 0.8, 0.9].map((v) => expect.closeTo(v, 12)));
    const { table: back, problems } = parseQuantileTable(formatQuantileTableJson(table), 'q.json');
    expect(problems).toEqual([]);
    expect(quantileCalibrate(0.7, 'en', 'de', back)).toBeCloseTo(0, 12);
    expect(quantileCalibrate(0.95, 'en', 'de', back)).toBe(1);
    expect(quantileCalibrate(0.65, 'en', 'de', back)).toBeCloseTo(2 * 0.375 - 1, 12);
  });
});
