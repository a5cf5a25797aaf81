import { describe, expect, it } from 'vitest';
import { formatInterval, meanInterval } from './seed-stats';

describe('meanInterval', () => {
  it('mean ± t(0.975, n-1) s / sqrt(n), hand-computed', () => {
    // 1, 2, 3, 4, 5: mean 3, s = sqrt(2.5), t(0.975, 4) = 2.776 -> half = 2.776 * 1.5811 / 2.2361 = 1.9629
    const i = meanInterval([1, 2, 3, 4, 5]);
    expect(i.mean).toBe(3);
    expect(i.half).toBeCloseTo(1.9629, 3);
    expect(formatInterval({ n: 5, mean: 0.123, half: 0.045 })).toBe('12.3 ± 4.5');
  });
  it('one seed has no interval', () => {
    expect(meanInterval([0.5]).half).toBeNaN();
    expect(formatInterval(meanInterval([0.5]))).toBe('50.0');
  });
});
