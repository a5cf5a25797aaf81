import { describe, expect, it } from 'vitest';
import { smoothSeries } from './smoothing';

describe('smoothSeries', () => {
  it('EMA by hand: w = 0.5 over 0, 1, 1 → 0, 0.5, 0.75; gaps skipped; other keys untouched', () => {
    const data = [{ step: 1, a: 0, b: 4 }, { step: 2, b: 8 } as Record<string, number>, { step: 3, a: 1 }, { step: 4, a: 1 }];
    const s = smoothSeries(data, ['a'], 0.5);
    expect(s.map((r) => r.a)).toEqual([0, undefined, 0.5, 0.75]);
    expect(s.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    expect(s[1].b).toBe(8);
  });
  it('weight 0 is the identity; weight 1 is refused', () => {
    const d = [{ a: 1 }, { a: 3 }];
    expect(smoothSeries(d, ['a'], 0)).toBe(d);
    expect(() => smoothSeries(d, ['a'], 1)).toThrow(/below 1/);
  });
});
