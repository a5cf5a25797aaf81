import { describe, expect, it } from 'vitest';
import { appendBounded, decimate } from './bounded-history';

describe('bounded history', () => {
  it('drops the oldest entries beyond the cap', () => {
    expect(appendBounded([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(appendBounded([], [1], 4)).toEqual([1]);
  });
  it('decimates to at most maxPoints, keeping first and last', () => {
    const xs = Array.from({ length: 1001 }, (_, i) => i);
    const d = decimate(xs, 100);
    expect(d.length).toBeLessThanOrEqual(100);
    expect(d[0]).toBe(0);
    expect(d[d.length - 1]).toBe(1000);
    expect(decimate([1, 2, 3], 10)).toEqual([1, 2, 3]);
  });
});
