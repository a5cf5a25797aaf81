import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { layernormBackward, layernormForward } from './layernorm';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('layernorm', () => {
  const N = 3, C = 8, eps = 1e-5;
  const rng = new Rng(2);
  const inp = randn(N * C, rng);
  const weight = randn(C, rng);
  const bias = randn(C, rng);
  const w = randn(N * C, rng);
  const out = new Float32Array(N * C);
  const mean = new Float32Array(N);
  const rstd = new Float32Array(N);
  const loss = () => {
    layernormForward(out, mean, rstd, inp, weight, bias, N, C, eps);
    return dot64(out, w);
  };

  it('forward normalizes each row to zero mean and unit variance before the affine map', () => {
    const ones = new Float32Array(C).fill(1);
    const zeros = new Float32Array(C);
    layernormForward(out, mean, rstd, inp, ones, zeros, N, C, eps);
    for (let n = 0; n < N; n++) {
      const row = Array.from(out.subarray(n * C, (n + 1) * C));
      const m = row.reduce((a, b) => a + b, 0) / C;
      const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / C;
      expect(Math.abs(m)).toBeLessThan(1e-6);
      expect(Math.abs(v - 1)).toBeLessThan(1e-3);
    }
  });

  it('backward matches central finite differences (rel err < 1e-2, h = 1e-2)', () => {
    loss();
    const dinp = new Float32Array(N * C);
    const dweight = new Float32Array(C);
    const dbias = new Float32Array(C);
    layernormBackward(dinp, dweight, dbias, w, inp, weight, mean, rstd, N, C);
    expect(finiteDiffCheck(inp, loss, dinp).maxRelErr).toBeLessThan(1e-2);
    expect(finiteDiffCheck(weight, loss, dweight).maxRelErr).toBeLessThan(1e-2);
    expect(finiteDiffCheck(bias, loss, dbias).maxRelErr).toBeLessThan(1e-2);
  });
});
