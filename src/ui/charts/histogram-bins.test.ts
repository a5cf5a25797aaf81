import { describe, expect, it } from 'vitest';
import { histogramBins } from './histogram-bins';

describe('histogramBins', () => {
  it('puts every finite value in exactly one bin, the maximum in the last', () => {
    const b = histogramBins([-1, -0.5, 0, 0.5, 1, NaN], 4);
    expect(b.map((x) => x.count)).toEqual([1, 1, 1, 2]);
    expect(b[0].lo).toBe(-1);
    expect(b[3].hi).toBe(1);
  });
  it('handles a constant sample (all-zero advantages of a zero-std group)', () => {
    const b = histogramBins([0, 0, 0], 5);
    expect(b.reduce((s, x) => s + x.count, 0)).toBe(3);
    expect(histogramBins([], 5)).toEqual([]);
  });
});
