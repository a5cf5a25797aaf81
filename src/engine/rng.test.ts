import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
  });
  it('restores exactly from a saved state', () => {
    const a = new Rng(7);
    for (let i = 0; i < 10; i++) a.next();
    const saved = a.getState();
    const next = [a.next(), a.next(), a.next()];
    const b = new Rng(saved);
    expect([b.next(), b.next(), b.next()]).toEqual(next);
  });
  it('draws uniform values with the right mean and categorical frequencies', () => {
    const r = new Rng(1);
    let sum = 0;
    const N = 100_000;
    for (let i = 0; i < N; i++) sum += r.next();
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(0.01);
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[r.categorical([1, 2, 7])]++;
    expect(counts[2] / N).toBeCloseTo(0.7, 1);
    expect(counts[0] / N).toBeCloseTo(0.1, 1);
  });
});
