import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { argmax, filteredDistribution, logSoftmaxAt, sampleToken } from './sampling';
import { orderedKey, pickToken, pickTokenDetail, samplerSettings } from '../kernels/sample-tokens';

/** The sampling distribution computed directly from its definition (independent of sample-tokens.ts). */
function exactDistribution(z: number[], T: number, k: number, p: number): Map<number, number> {
  const ids = z.map((_, j) => j).sort((a, b) => z[b] - z[a] || a - b);
  const top = ids.slice(0, k > 0 ? Math.min(k, z.length) : z.length);
  const w = top.map((j) => Math.exp((z[j] - z[ids[0]]) / T));
  const total = w.reduce((a, b) => a + b, 0);
  let n = top.length;
  if (p < 1) {
    let cum = 0;
    for (n = 0; n < top.length && cum < p * total; n++) cum += w[n];
  }
  const kept = w.slice(0, n).reduce((a, b) => a + b, 0);
  return new Map(top.slice(0, n).map((j, r) => [j, w[r] / kept]));
}

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

  it.each([
    [1, 0, 1], [0.7, 0, 1], [1.5, 5, 1], [1, 0, 0.6], [0.8, 6, 0.9], [2, 3, 0.5],
  ])('T=%f k=%i p=%f: kept probabilities are exact and 20000 seeded draws follow them', (T, k, p) => {
    const rng0 = new Rng(Math.round(T * 100 + k * 7 + p * 1000));
    const z = Array.from({ length: 23 }, () => rng0.normal() * 1.5);
    const want = exactDistribution(z, T, k, p);
    const d = filteredDistribution(z, { temperature: T, topK: k, topP: p });
    expect(new Map(d.ids.map((j, r) => [j, d.probs[r]])).size).toBe(want.size);
    d.ids.forEach((j, r) => expect(d.probs[r]).toBeCloseTo(want.get(j)!, 6));
    const n = 20000;
    const counts = new Map<number, number>();
    const rng = new Rng(1234);
    for (let i = 0; i < n; i++) {
      const id = sampleToken(z, { temperature: T, topK: k, topP: p }, rng);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) expect(want.has(id), `token ${id} outside the kept set`).toBe(true);
    // every frequency within 4.5 standard deviations of its exact probability
    for (const [id, q] of want) expect(Math.abs((counts.get(id) ?? 0) / n - q)).toBeLessThan(4.5 * Math.sqrt((q * (1 - q)) / n) + 1e-9);
  });

  it('draws by the inverse CDF of one uniform over the kept tokens in id order', () => {
    const z = [Math.log(0.2), Math.log(0.5), Math.log(0.3)];
    const s = samplerSettings({ temperature: 1 });
    const at = (u: number) => pickToken(z, s, u).token;
    expect([0, 0.19, 0.21, 0.69, 0.71, 0.99].map(at)).toEqual([0, 0, 1, 1, 2, 2]);
    // top-k 2 keeps ids 1 and 2 (masses 0.5, 0.3): id order splits u at 0.5 / 0.8 = 0.625
    const k2 = samplerSettings({ temperature: 1, topK: 2 });
    expect([0, 0.62, 0.63, 0.999].map((u) => pickToken(z, k2, u).token)).toEqual([1, 1, 2, 2]);
    // the log-probability is at temperature 1 without the filters
    expect(pickToken(z, samplerSettings({ temperature: 3, topK: 2 }), 0.9).logprob).toBeCloseTo(Math.log(0.3), 6);
    // exactly one draw per sampled token
    const rng = new Rng(8), ref = new Rng(8);
    sampleToken(z, { temperature: 1 }, rng);
    ref.nextF32();
    expect(rng.getState()).toEqual(ref.getState());
  });

  it('ties at the top-k or top-p threshold keep the lower ids', () => {
    const z = [0, 1, 1, 1, 0.5];
    expect(filteredDistribution(z, { temperature: 1, topK: 2 }).ids).toEqual([1, 2]);
    expect(filteredDistribution(z, { temperature: 1, topK: 4 }).ids).toEqual([1, 2, 3, 4]);
    // three equal tokens of 1/3 each: p = 0.5 needs two of them
    expect(filteredDistribution([2, 2, 2], { temperature: 1, topP: 0.5 }).ids).toEqual([0, 1]);
    expect(orderedKey(-0)).toBeLessThan(orderedKey(0));
    expect(orderedKey(-2)).toBeLessThan(orderedKey(-1));
    expect(orderedKey(1)).toBeLessThan(orderedKey(1.0000001));
    expect(pickTokenDetail([3, 1], samplerSettings({ temperature: 0 }), 0.5).margin).toBe(Infinity);
  });
});
