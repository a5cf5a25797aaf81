import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { logprobsBackward, logprobsForward } from './logprobs';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('token log-probabilities and entropy', () => {
  const N = 4, V = 7;
  const rng = new Rng(7);
  const logits = randn(N * V, rng, 2);
  const targets = new Int32Array([3, -1, 0, 6]);
  const lp = new Float32Array(N);
  const ent = new Float32Array(N);
  const probs = new Float32Array(N * V);

  it('forward: log p(target) and H = -Σ p log p computed by hand; ignored rows give 0', () => {
    logprobsForward(lp, ent, probs, logits, targets, N, V);
    for (let n = 0; n < N; n++) {
      const row = Array.from(logits.subarray(n * V, (n + 1) * V));
      const z = Math.log(row.reduce((a, b) => a + Math.exp(b), 0));
      const p = row.map((x) => Math.exp(x - z));
      if (targets[n] < 0) {
        expect(lp[n]).toBe(0);
        expect(ent[n]).toBe(0);
      } else {
        expect(lp[n]).toBeCloseTo(row[targets[n]] - z, 5);
        expect(ent[n]).toBeCloseTo(-p.reduce((a, q) => a + q * Math.log(q), 0), 5);
      }
      for (let j = 0; j < V; j++) expect(probs[n * V + j]).toBeCloseTo(p[j], 6);
    }
  });

  it('backward (dlogprobs and dentropy) matches finite differences; dlogits is written', () => {
    const dlp = randn(N, rng);
    const dent = randn(N, rng);
    const loss = () => {
      logprobsForward(lp, ent, probs, logits, targets, N, V);
      return dot64(lp, dlp) + dot64(ent, dent);
    };
    loss();
    const dlogits = new Float32Array(N * V).fill(123); // garbage: must be overwritten
    logprobsBackward(dlogits, dlp, dent, probs, targets, N, V);
    expect(finiteDiffCheck(logits, loss, dlogits, 1e-2).maxRelErr).toBeLessThan(1e-2);
    for (let j = 0; j < V; j++) expect(dlogits[V + j]).toBe(0);
    // without dentropy only the log-prob part remains
    const only = new Float32Array(N * V);
    logprobsBackward(only, dlp, null, probs, targets, N, V);
    const lossLp = () => {
      logprobsForward(lp, ent, probs, logits, targets, N, V);
      return dot64(lp, dlp);
    };
    expect(finiteDiffCheck(logits, lossLp, only, 1e-2).maxRelErr).toBeLessThan(1e-2);
  });

  it('temperature: softmax(logits / T) by hand, and a backward through it that matches finite differences', () => {
    // logits [0, ln 2] at T = 0.5: z = [0, 2 ln 2] -> p = [1/5, 4/5]
    const l2 = new Float32Array([0, Math.log(2)]);
    const lp2 = new Float32Array(1), ent2 = new Float32Array(1), pr2 = new Float32Array(2);
    logprobsForward(lp2, ent2, pr2, l2, new Int32Array([1]), 1, 2, 1 / 0.5);
    expect(lp2[0]).toBeCloseTo(Math.log(4 / 5), 6);
    expect(ent2[0]).toBeCloseTo(-(0.2 * Math.log(0.2) + 0.8 * Math.log(0.8)), 6);
    expect(pr2[1]).toBeCloseTo(0.8, 6);
    // d log p_1 / d logit_j = invT (1[j = 1] - p_j) = 2 * [-0.2, 0.2]
    const d2 = new Float32Array(2);
    logprobsBackward(d2, new Float32Array([1]), null, pr2, new Int32Array([1]), 1, 2, 2);
    expect(d2[0]).toBeCloseTo(-0.4, 6);
    expect(d2[1]).toBeCloseTo(0.4, 6);

    const invT = 1 / 0.7;
    const dlp = randn(N, rng);
    const dent = randn(N, rng);
    const loss = () => {
      logprobsForward(lp, ent, probs, logits, targets, N, V, invT);
      return dot64(lp, dlp) + dot64(ent, dent);
    };
    loss();
    const dlogits = new Float32Array(N * V);
    logprobsBackward(dlogits, dlp, dent, probs, targets, N, V, invT);
    expect(finiteDiffCheck(logits, loss, dlogits, 1e-2).maxRelErr).toBeLessThan(1e-2);
  });
});
