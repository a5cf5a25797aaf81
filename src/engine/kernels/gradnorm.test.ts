import { describe, expect, it } from 'vitest';
import { gradNormSquared, scaleInPlace } from './gradnorm';

describe('gradient norm and scaling', () => {
  it('sums squares over several buffers and scales in place', () => {
    const a = new Float32Array([3, 4]);
    const b = new Float32Array([12]);
    expect(gradNormSquared([a, b])).toBe(169);
    scaleInPlace(a, 2, 0.5);
    expect(Array.from(a)).toEqual([1.5, 2]);
    expect(gradNormSquared([new Float32Array([NaN])])).toBeNaN();
    expect(gradNormSquared([])).toBe(0);
  });
});
