import { describe, expect, it } from 'vitest';
import { fitPairStats } from './calibration-fit';
import { formatPairStatsCsv, meanShift, parsePairStats } from './calibration';
import { chrF, chrFSimilarity } from './chrf';

describe('fitPairStats', () => {
  // An authored similarity with known values, so the statistics can be computed by hand.
  const table: Record<string, number> = { 'A|B': 0.2, 'C|D': 0.6, 'E|F': 0.5, 'A|E': 0.9, 'B|F': 0.1 };
  const sim = (x: string, y: string) => table[`${x}|${y}`] ?? NaN;
  const examples: { references: Record<string, string> }[] = [
    { references: { de: 'A', en: 'B' } },
    { references: { en: 'D', de: 'C' } },
    { references: { de: 'E', en: 'F', zh: '' } }, // empty zh ignored
    { references: { en: 'only one' } },
  ];

  it('measures count, mean and population std per unordered pair', async () => {
    const rows = await fitPairStats(examples, sim, { sameLanguage: false });
    // de-en samples: 0.2, 0.6, 0.5 -> mean 13/30, var = ((0.2−m)² + (0.6−m)² + (0.5−m)²) / 3
    const m = 1.3 / 3;
    const v = ((0.2 - m) ** 2 + (0.6 - m) ** 2 + (0.5 - m) ** 2) / 3;
    expect(rows).toHaveLength(1);
    expect(rows[0].langA).toBe('de');
    expect(rows[0].langB).toBe('en');
    expect(rows[0].count).toBe(3);
    expect(rows[0].mean).toBeCloseTo(m, 15);
    expect(rows[0].std).toBeCloseTo(Math.sqrt(v), 15);
  });

  it('sorts pairs, handles three languages per row, and averages both directions when asked', async () => {
    const ex = [{ references: { zh: '你好世界', en: 'hello world', de: 'hallo Welt' } }];
    const rows = await fitPairStats(ex, chrFSimilarity, { bothDirections: true });
    expect(rows.map((r) => `${r.langA}-${r.langB}`)).toEqual(['de-de', 'de-en', 'de-zh', 'en-en', 'en-zh', 'zh-zh']);
    const deEn = (2 * chrF('hallo Welt', 'hello world') - 1 + 2 * chrF('hello world', 'hallo Welt') - 1) / 2;
    expect(rows[1].mean).toBeCloseTo(deEn, 15);
    expect(rows[1].std).toBe(0);
    expect(rows[2].mean).toBe(-1); // no shared characters
    // same-language pairs: a text against itself, chrF 1 -> s = 1
    for (const i of [0, 3, 5]) expect([rows[i].count, rows[i].mean, rows[i].std]).toEqual([1, 1, 0]);
  });

  it('writes a CSV that parses back and calibrates', async () => {
    const rows = await fitPairStats(examples.slice(0, 3), sim, { sameLanguage: false });
    const { table, problems } = parsePairStats(formatPairStatsCsv(rows), 'fit.csv');
    expect(problems).toEqual([]);
    // a single pair: mu_ref = mu_pair, so the shift is 0
    expect(meanShift(0.3, 'en', 'de', table)).toBeCloseTo(0.3, 15);
  });

  it('rejects a similarity that is not a number, naming the pair', async () => {
    await expect(fitPairStats([{ references: { de: 'X', en: 'Y' } }], sim, { sameLanguage: false })).rejects.toThrow(/de and en/);
  });

  it('measures same-language pairs too; they enter mu_ref like any pair', async () => {
    const self: Record<string, number> = { ...table, 'A|A': 0.98, 'B|B': 1, 'C|C': 0.96, 'D|D': 1, 'E|E': 0.97, 'F|F': 0.99 };
    const rows = await fitPairStats(examples.slice(0, 3), (x, y) => self[`${x}|${y}`] ?? NaN);
    expect(rows.map((r) => `${r.langA}-${r.langB}:${r.count}`)).toEqual(['de-de:3', 'de-en:3', 'en-en:3']);
    expect(rows[0].mean).toBeCloseTo((0.98 + 0.96 + 0.97) / 3, 15);
    expect(rows[2].mean).toBeCloseTo((1 + 1 + 0.99) / 3, 15);
    // mu_ref = (3·0.97 + 3·(1.3/3) + 3·(2.99/3)) / 9; de-en shift = 1.3/3 − mu_ref
    const { table: t } = parsePairStats(formatPairStatsCsv(rows), 'fit.csv');
    const muRef = (0.97 * 3 + 1.3 + 2.99) / 9;
    expect(meanShift(0.3, 'en', 'de', t)).toBeCloseTo(0.3 - (1.3 / 3 - muRef), 12);
  });
});
