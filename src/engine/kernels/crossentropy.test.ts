import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { crossEntropyBackward, crossEntropyForward } from './crossentropy';
import { logprobsForward } from './logprobs';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('softmax cross-entropy', () => {
  const N = 3, V = 6;
  const rng = new Rng(8);
  const logits = randn(N * V, rng, 3);
  const targets = new Int32Array([5, 0, -1]);
  const losses = new Float32Array(N);
  const probs = new Float32Array(N * V);

  it('loss = -logprob of the target (0 for ignored rows)', () => {
    crossEntropyForward(losses, probs, logits, targets, N, V);
    const lp = new Float32Array(N);
    const ent = new Float32Array(N);
    logprobsForward(lp, ent, new Float32Array(N * V), logits, targets, N, V);
    for (let n = 0; n < N; n++) expect(losses[n]).toBeCloseTo(-lp[n], 6);
    expect(losses[2]).toBe(0);
  });

  it('backward matches finite differences and overwrites dlogits', () => {
    const dl = randn(N, rng);
    const loss = () => {
      crossEntropyForward(losses, probs, logits, targets, N, V);
      return dot64(losses, dl);
    };
    loss();
    const dlogits = new Float32Array(N * V).fill(-9);
    crossEntropyBackward(dlogits, dl, probs, targets, N, V);
    expect(finiteDiffCheck(logits, loss, dlogits, 1e-2).maxRelErr).toBeLessThan(1e-2);
    for (let j = 0; j < V; j++) expect(dlogits[2 * V + j]).toBe(0);
  });
});
