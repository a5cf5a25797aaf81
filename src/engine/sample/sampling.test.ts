import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { argmax, filteredDistribution, logSoftmaxAt, sampleToken } from './sampling';

describe('sampling one logits row', () => {
  const logits = new Float32Array([1.0, 3.0, 2.5, -1.0, 2.9, 0.0]);

  it('temperature 0 is argmax and draws no random numbers', () => {
    const rng = new Rng(1);
    const before = rng.getState();
    expect(sampleToken(logits, { temperature: 0 }, rng)).toBe(1);
    expect(rng.getState()).toEqual(before);
    expect(argmax([2, 5, 5, 1])).toBe(1); // lowest id on ties
  });

  it('same seed, same draws', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 30 }, () => sampleToken(logits, { temperature: 1 }, rng));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('top-k never picks a token outside the k largest logits', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }), fc.integer(), (row, k, seed) => {
          const rng = new Rng(seed);
          const sorted = [...row].sort((a, b) => b - a);
          const kth = sorted[Math.min(k, row.length) - 1];
          for (let i = 0; i < 20; i++) {
            const id = sampleToken(row, { temperature: 1.5, topK: k }, rng);
            expect(row[id]).toBeGreaterThanOrEqual(kth);
          }
        }),
      { numRuns: 100 },
    );
  });

  it('top-p keeps the smallest most-probable set reaching p', () => {
    // probabilities at temperature 1 of [ln 0.5, ln 0.3, ln 0.15, ln 0.05]
    const row = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
    expect(filteredDistribution(row, { temperature: 1, topP: 0.7 }).ids).toEqual([0, 1]);
    expect(filteredDistribution(row, { temperature: 1, topP: 0.5 }).ids).toEqual([0]);
    expect(filteredDistribution(row, { temperature: 1, topP: 0.81 }).ids).toEqual([0, 1, 2]);
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) seen.add(sampleToken(row, { temperature: 1, topP: 0.7 }, rng));
    expect([...seen].sort()).toEqual([0, 1]);
    const d = filteredDistribution(row, { temperature: 1, topP: 0.7 });
    expect(d.probs[0]).toBeCloseTo(0.5 / 0.8, 6);
  });

  it('sampling frequencies follow softmax(z / T)', () => {
    const row = [0, Math.log(3)]; // p = 1/4, 3/4 at T = 1; at T = 2: 1/(1+√3), √3/(1+√3)
    const rng = new Rng(9);
    let ones = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) ones += sampleToken(row, { temperature: 2 }, rng);
    expect(ones / n).toBeCloseTo(Math.sqrt(3) / (1 + Math.sqrt(3)), 1);
    expect(logSoftmaxAt(row, 1)).toBeCloseTo(Math.log(0.75), 10);
  });
});
