import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { matmulBackward, matmulBackwardNT, matmulForward, matmulForwardNT } from './matmul';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('matmul [in, out] with bias', () => {
  const N = 4, C = 5, OC = 6;
  const rng = new Rng(3);
  const inp = randn(N * C, rng);
  const weight = randn(C * OC, rng);
  const bias = randn(OC, rng);
  const w = randn(N * OC, rng);
  const out = new Float32Array(N * OC);
  const loss = () => {
    matmulForward(out, inp, weight, bias, N, C, OC);
    return dot64(out, w);
  };

  it('forward equals the hand-written sum', () => {
    loss();
    for (let n = 0; n < N; n++)
      for (let o = 0; o < OC; o++) {
        let s = bias[o];
        for (let i = 0; i < C; i++) s += inp[n * C + i] * weight[i * OC + o];
        expect(out[n * OC + o]).toBeCloseTo(s, 5);
      }
  });

  it('backward matches finite differences; null bias works', () => {
    const dinp = new Float32Array(N * C);
    const dweight = new Float32Array(C * OC);
    const dbias = new Float32Array(OC);
    matmulBackward(dinp, dweight, dbias, w, inp, weight, N, C, OC);
    expect(finiteDiffCheck(inp, loss, dinp).maxRelErr).toBeLessThan(1e-3);
    expect(finiteDiffCheck(weight, loss, dweight).maxRelErr).toBeLessThan(1e-3);
    expect(finiteDiffCheck(bias, loss, dbias).maxRelErr).toBeLessThan(1e-3);
    const dinp2 = new Float32Array(N * C);
    const dweight2 = new Float32Array(C * OC);
    matmulBackward(dinp2, dweight2, null, w, inp, weight, N, C, OC);
    expect(Array.from(dinp2)).toEqual(Array.from(dinp));
  });
});

describe('matmul NT (x · Wᵀ, the tied LM head)', () => {
  const N = 3, C = 4, V = 7;
  const rng = new Rng(4);
  const inp = randn(N * C, rng);
  const wT = randn(V * C, rng);
  const w = randn(N * V, rng);
  const out = new Float32Array(N * V);
  const loss = () => {
    matmulForwardNT(out, inp, wT, N, C, V);
    return dot64(out, w);
  };

  it('forward agrees with matmulForward on the explicit transpose', () => {
    const W = new Float32Array(C * V);
    for (let v = 0; v < V; v++) for (let i = 0; i < C; i++) W[i * V + v] = wT[v * C + i];
    const ref = new Float32Array(N * V);
    matmulForward(ref, inp, W, null, N, C, V);
    loss();
    for (let i = 0; i < ref.length; i++) expect(out[i]).toBeCloseTo(ref[i], 5);
  });

  it('backward matches finite differences', () => {
    const dinp = new Float32Array(N * C);
    const dwT = new Float32Array(V * C);
    matmulBackwardNT(dinp, dwT, w, inp, wT, N, C, V);
    expect(finiteDiffCheck(inp, loss, dinp).maxRelErr).toBeLessThan(1e-3);
    expect(finiteDiffCheck(wT, loss, dwT).maxRelErr).toBeLessThan(1e-3);
  });
});
