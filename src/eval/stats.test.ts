import { describe, expect, it } from 'vitest';
import { binomHalfPmf, bootstrapMean, cohenKappa, mcnemar, pairedBootstrapDiff, quantileSorted } from './stats';

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (hand-computed)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75); // h = 0.75
    expect(quantileSorted([10], 0.9)).toBe(10);
    expect(quantileSorted([0, 10], 0.975)).toBeCloseTo(9.75, 12);
  });
});

describe('bootstrapMean', () => {
  it('is exactly the estimate when every value is the same', () => {
    expect(bootstrapMean([1, 1, 1, 1, 1], { seed: 3 })).toEqual({ estimate: 1, lo: 1, hi: 1 });
  });
  it('two items {0, 1}: resampled means are 0, 1/2, 1 with P 1/4, 1/2, 1/4, so the 95% interval is [0, 1]', () => {
    const r = bootstrapMean([0, 1], { samples: 4000, seed: 7 });
    expect(r).toEqual({ estimate: 0.5, lo: 0, hi: 1 });
  });
  it('is reproducible from its seed and close to the normal approximation for n = 400', () => {
    const v = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // p = 0.25
    const a = bootstrapMean(v, { seed: 11 });
    expect(bootstrapMean(v, { seed: 11 })).toEqual(a);
    expect(bootstrapMean(v, { seed: 12 })).not.toEqual(a);
    const se = Math.sqrt((0.25 * 0.75) / 400); // 0.02165
    expect(a.lo).toBeCloseTo(0.25 - 1.96 * se, 2); // within 0.005
    expect(a.hi).toBeCloseTo(0.25 + 1.96 * se, 2);
  });
  it('paired difference: identical sources give [0, 0]; a constant shift gives that shift', () => {
    expect(pairedBootstrapDiff([1, 0, 1], [1, 0, 1])).toEqual({ estimate: 0, lo: 0, hi: 0 });
    const d = pairedBootstrapDiff([0, 0, 0, 0], [1, 1, 1, 1]);
    expect(d).toEqual({ estimate: 1, lo: 1, hi: 1 });
    expect(() => pairedBootstrapDiff([1], [1, 0])).toThrow(/differ in length/);
  });
});

describe('mcnemar', () => {
  it('b = 1, c = 5: exact p = 2·7/64 = 0.21875, mid-p = 2·(7/64 − 3/64) = 0.125, chi² = 9/6', () => {
    const r = mcnemar(1, 5);
    expect(r.exactP).toBeCloseTo(0.21875, 12);
    expect(r.midP).toBeCloseTo(0.125, 12);
    expect(r.chi2).toBeCloseTo(1.5, 12);
  });
  it('b = c gives exact p = 1 (capped); b = 0, c = 6: p = 2/64', () => {
    expect(mcnemar(3, 3).exactP).toBe(1);
    expect(mcnemar(3, 3).midP).toBeCloseTo(1, 12); // 2·42/64 − 20/64 = 64/64
    expect(mcnemar(2, 4).midP).toBeCloseTo(2 * (22 / 64) - 15 / 64, 12); // P(X ≤ 2) = 22/64, P(X = 2) = 15/64
    expect(mcnemar(0, 6).exactP).toBeCloseTo(2 / 64, 12);
    expect(mcnemar(0, 6).midP).toBeCloseTo(1 / 64, 12);
    expect(mcnemar(0, 0)).toEqual({ b: 0, c: 0, exactP: 1, midP: 1, chi2: 0 });
  });
  it('binomial pmf by hand', () => {
    expect(binomHalfPmf(6, 1)).toBeCloseTo(6 / 64, 14);
    expect(binomHalfPmf(10, 5)).toBeCloseTo(252 / 1024, 14);
  });
});

describe('cohenKappa', () => {
  it('2×2 textbook case [[20, 5], [10, 15]]: agreement 0.7, chance 0.5, kappa 0.4', () => {
    const a = [...Array(25).fill('y'), ...Array(25).fill('n')];
    const b = [...Array(20).fill('y'), ...Array(5).fill('n'), ...Array(10).fill('y'), ...Array(15).fill('n')];
    const k = cohenKappa(a, b, ['y', 'n']);
    expect(k.matrix).toEqual([[20, 5], [10, 15]]);
    expect(k.agreement).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });
  it('perfect agreement is kappa 1; one category only is NaN; unknown labels are refused', () => {
    expect(cohenKappa(['A', 'C', 'D'], ['A', 'C', 'D'], ['A', 'B', 'C', 'D']).kappa).toBe(1);
    expect(cohenKappa(['A', 'A'], ['A', 'A'], ['A', 'B']).kappa).toBeNaN();
    expect(() => cohenKappa(['A'], ['Z'], ['A', 'B'])).toThrow(/'Z' is not one of/);
  });
});
