import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { rmsnormBackward, rmsnormForward } from './rmsnorm';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('rmsnorm', () => {
  it('forward matches hand-computed values: x = [1,2,3,4], w = [1,1,1,2], eps 0', () => {
    const out = new Float32Array(4), rstd = new Float32Array(1);
    rmsnormForward(out, rstd, Float32Array.of(1, 2, 3, 4), Float32Array.of(1, 1, 1, 2), 1, 4, 0);
    // mean(x²) = 30/4 = 7.5, rstd = 1/sqrt(7.5) = 0.36514837
    expect(rstd[0]).toBeCloseTo(0.36514837, 7);
    const want = [0.36514837, 0.73029674, 1.09544512, 2.92118697];
    want.forEach((w, i) => expect(out[i]).toBeCloseTo(w, 6));
  });

  it('eps enters inside the square root', () => {
    const out = new Float32Array(2), rstd = new Float32Array(1);
    rmsnormForward(out, rstd, Float32Array.of(0, 0), Float32Array.of(1, 1), 1, 2, 0.25);
    expect(rstd[0]).toBeCloseTo(2, 6);
  });

  it('backward matches central finite differences (rows of 7, e.g. per-head use)', () => {
    const N = 5, C = 7, eps = 1e-6;
    const rng = new Rng(11);
    const inp = randn(N * C, rng), weight = randn(C, rng), w = randn(N * C, rng);
    const out = new Float32Array(N * C), rstd = new Float32Array(N);
    const loss = () => {
      rmsnormForward(out, rstd, inp, weight, N, C, eps);
      return dot64(out, w);
    };
    loss();
    const dinp = new Float32Array(N * C), dweight = new Float32Array(C);
    rmsnormBackward(dinp, dweight, w, inp, weight, rstd, N, C);
    expect(finiteDiffCheck(inp, loss, dinp).maxRelErr).toBeLessThan(1e-2);
    expect(finiteDiffCheck(weight, loss, dweight).maxRelErr).toBeLessThan(1e-2);
    // accumulates: a second call doubles
    const d2 = dinp.slice();
    rmsnormBackward(d2, new Float32Array(C), w, inp, weight, rstd, N, C);
    for (let i = 0; i < d2.length; i++) expect(d2[i]).toBeCloseTo(2 * dinp[i], 5);
  });
});
