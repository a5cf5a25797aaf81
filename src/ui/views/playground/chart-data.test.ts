import { describe, expect, it } from 'vitest';
import { PlaygroundRunner } from '../../worker/playground-runner';
import { appendDeltas, emptySeries } from '../../store/playground-store';
import { defaultSpec } from './playground-spec';
import { hitRate, probabilityRows, regretRows, sampleIndices, shareRows } from './chart-data';

describe('playground chart rows', () => {
  it('thins long series to at most 240 points, keeping first and last', () => {
    expect(sampleIndices(5)).toEqual([0, 1, 2, 3, 4]);
    const idx = sampleIndices(10_000);
    expect(idx).toHaveLength(240);
    expect(idx[0]).toBe(0);
    expect(idx[239]).toBe(9999);
  });

  it('builds rows that match the series', () => {
    const spec = { ...defaultSpec(), steps: 40 };
    const series = emptySeries(spec);
    appendDeltas(series, new PlaygroundRunner(spec).advance(40));
    const langs = spec.world.languages;
    const rows = probabilityRows(series[0], 2, langs);
    expect(rows).toHaveLength(40);
    const sum = langs.reduce((a, l) => a + rows[39][l], 0);
    expect(sum).toBeCloseTo(1, 5);
    const regret = regretRows(series);
    expect(regret[39].r1).toBe(series[1].cumRegret[39]);
    const share = shareRows(series[0], null, langs);
    // 40 steps x 4 questions x (8 - 2 quota) routed rollouts
    expect(share.reduce((a, r) => a + r.count, 0)).toBe(40 * 4 * 6);
    expect(share.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 12);
    const h = hitRate(series[0], 0, 10)!;
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThanOrEqual(1);
  });
});
