import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { batchSeed, routerSeed, trainerSeed } from './run-seeds';

describe('run RNG streams', () => {
  it('derives separate router, trainer and batch streams from the run seed, deterministically', () => {
    for (const seed of [0, 1, 2, 3, 42, 2 ** 32 - 1]) {
      const draws = (s: number, n: number) => { const r = new Rng(s); return Array.from({ length: n }, () => r.nextU32()); };
      const trainer = draws(trainerSeed(seed), 256);
      const router = draws(routerSeed(seed), 16);
      const batch = draws(batchSeed(seed), 256);
      expect(routerSeed(seed)).toBe(routerSeed(seed));
      expect(new Set([trainerSeed(seed), routerSeed(seed), batchSeed(seed)]).size).toBe(3);
      // not the same sequence, nor one shifted by a few draws
      for (const x of router) {
        expect(trainer).not.toContain(x);
        expect(batch).not.toContain(x);
      }
    }
    // the trainer keeps the run seed itself, so runs saved before this split sample the same rollouts
    expect(trainerSeed(7)).toBe(7);
    expect(batchSeed(0)).toBe(0x9e3779b9);
  });
});
