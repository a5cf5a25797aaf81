import { describe, expect, it } from 'vitest';
import { groupAdvantages, histogram, GRPO_EPS } from './advantages';

describe('groupAdvantages', () => {
  it('matches hand-computed values with the unbiased std', () => {
    // group 0: rewards 1, 0, 0, 1 -> mean 0.5, unbiased std sqrt(1/3)
    // group 7: rewards 0.2, 0.8 -> mean 0.5, std sqrt(0.18)
    const r = [1, 0, 0.2, 0, 1, 0.8];
    const g = [0, 0, 7, 0, 0, 7];
    const { advantages, groups } = groupAdvantages(r, g, true);
    const s0 = Math.sqrt(1 / 3);
    const s7 = Math.sqrt(0.18);
    const want = [0.5 / (s0 + GRPO_EPS), -0.5 / (s0 + GRPO_EPS), -0.3 / (s7 + GRPO_EPS), -0.5 / (s0 + GRPO_EPS), 0.5 / (s0 + GRPO_EPS), 0.3 / (s7 + GRPO_EPS)];
    advantages.forEach((a, i) => expect(a).toBeCloseTo(want[i], 10));
    expect(groups).toEqual([
      { id: 0, size: 4, mean: 0.5, std: expect.closeTo(s0, 12) },
      { id: 7, size: 2, mean: 0.5, std: expect.closeTo(s7, 12) },
    ]);
  });

  it('skips the std division when asked', () => {
    const { advantages } = groupAdvantages([1, 0, 0.5], [3, 3, 3], false);
    expect(advantages).toEqual([0.5, -0.5, 0]);
  });

  it('gives zero advantages to a zero-std group and r to a group of one (verl convention)', () => {
    const { advantages, groups } = groupAdvantages([0.4, 0.4, 0.4, 0.9], [1, 1, 1, 2], true);
    for (const a of advantages.slice(0, 3)) expect(Math.abs(a)).toBeLessThan(1e-9);
    expect(advantages[3]).toBeCloseTo(0.9 / (1 + GRPO_EPS), 12);
    expect(groups[0].std).toBeLessThan(1e-12);
    expect(groups[1]).toEqual({ id: 2, size: 1, mean: 0.9, std: 0 });
  });

  it('rejects non-finite rewards and mismatched lengths', () => {
    expect(() => groupAdvantages([NaN], [0], true)).toThrow(/reward 0 is not finite/);
    expect(() => groupAdvantages([1, 2], [0], true)).toThrow(/2 rewards but 1 group ids/);
  });
});

describe('histogram', () => {
  it('bins values into fixed edges, clamping outliers to the end bins', () => {
    const h = histogram([-5, -1, -0.5, 0, 0.49, 0.5, 3, NaN], -1, 1, 4);
    expect(h.edges).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(h.counts).toEqual([2, 1, 2, 2]);
  });
});
