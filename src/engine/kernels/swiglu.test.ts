import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { swigluBackward, swigluForward } from './swiglu';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('swiglu', () => {
  it('forward: silu(g) * u by hand', () => {
    const out = new Float32Array(3);
    swigluForward(out, Float32Array.of(1, 0, -2), Float32Array.of(2, 5, 1), 3);
    expect(out[0]).toBeCloseTo(2 * 0.73105858, 6); // silu(1) = sigmoid(1)
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(-2 * 0.11920292, 6);
  });

  it('backward matches central finite differences', () => {
    const N = 40;
    const rng = new Rng(4);
    const gate = randn(N, rng, 2), up = randn(N, rng), w = randn(N, rng);
    const out = new Float32Array(N);
    const loss = () => {
      swigluForward(out, gate, up, N);
      return dot64(out, w);
    };
    const dgate = new Float32Array(N), dup = new Float32Array(N);
    swigluBackward(dgate, dup, w, gate, up, N);
    expect(finiteDiffCheck(gate, loss, dgate, 1e-3).maxRelErr).toBeLessThan(1e-2);
    expect(finiteDiffCheck(up, loss, dup, 1e-3).maxRelErr).toBeLessThan(1e-2);
  });
});
