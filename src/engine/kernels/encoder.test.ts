import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { encoderBackward, encoderForward } from './encoder';
import { dot64, finiteDiffCheck, randInts, randn } from './test-utils';

describe('encoder (token + position embedding)', () => {
  const B = 2, T = 3, C = 4, V = 5, maxT = 4;
  const rng = new Rng(1);
  const inp = randInts(B * T, V, rng);
  const wte = randn(V * C, rng);
  const wpe = randn(maxT * C, rng);
  const w = randn(B * T * C, rng);
  const out = new Float32Array(B * T * C);
  const loss = () => {
    encoderForward(out, inp, wte, wpe, B, T, C);
    return dot64(out, w);
  };

  it('forward adds the token row and the position row', () => {
    loss();
    for (let b = 0; b < B; b++)
      for (let t = 0; t < T; t++)
        for (let c = 0; c < C; c++)
          expect(out[(b * T + t) * C + c]).toBe(Math.fround(wte[inp[b * T + t] * C + c] + wpe[t * C + c]));
  });

  it('backward matches central finite differences and accumulates', () => {
    const dwte = new Float32Array(V * C);
    const dwpe = new Float32Array(maxT * C);
    encoderBackward(dwte, dwpe, w, inp, B, T, C);
    // linear op: differences are exact up to float32 rounding of the loss
    expect(finiteDiffCheck(wte, loss, dwte).maxAbsErr).toBeLessThan(1e-4);
    expect(finiteDiffCheck(wpe, loss, dwpe).maxAbsErr).toBeLessThan(1e-4);
    const once = dwte.slice();
    encoderBackward(dwte, dwpe, w, inp, B, T, C);
    for (let i = 0; i < once.length; i++) expect(dwte[i]).toBeCloseTo(2 * once[i], 5);
  });
});
