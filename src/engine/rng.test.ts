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
  it('nextF32 is exact in float32, below 1, and takes the top 24 bits of the same draw', () => {
    const a = new Rng(11), b = new Rng(11);
    for (let i = 0; i < 1000; i++) {
      const u = a.nextF32();
      expect(Math.fround(u)).toBe(u);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(u).toBe(Math.floor(b.nextU32() / 256) / 16777216);
    }
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
  it('normals(): Box–Muller pairs (cos, sin of the same two draws) with mean 0 and variance 1', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    const z = a.normals(new Float64Array(3));
    const r = Math.sqrt(-2 * Math.log(1 - b.next()));
    const t = 2 * Math.PI * b.next();
    expect(z[0]).toBe(r * Math.cos(t));
    expect(z[1]).toBe(r * Math.sin(t));
    const r2 = Math.sqrt(-2 * Math.log(1 - b.next()));
    expect(z[2]).toBe(r2 * Math.cos(2 * Math.PI * b.next()));
    expect(a.getState()).toEqual(b.getState()); // 3 normals consumed 4 uniforms
    const big = new Rng(2).normals(new Float64Array(200_000));
    const mean = big.reduce((x, y) => x + y, 0) / big.length;
    const variance = big.reduce((x, y) => x + (y - mean) ** 2, 0) / big.length;
    expect(Math.abs(mean)).toBeLessThan(0.01); // 4.5 standard errors
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
  });
});
