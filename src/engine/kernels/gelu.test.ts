import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { geluBackward, geluForward } from './gelu';
import { dot64, finiteDiffCheck, randn } from './test-utils';

describe('gelu (tanh approximation)', () => {
  it('forward matches the formula at known points', () => {
    const x = new Float32Array([0, 1, -1, 3]);
    const y = new Float32Array(4);
    geluForward(y, x, 4);
    expect(y[0]).toBe(0);
    // 0.5 * 1 * (1 + tanh(sqrt(2/pi) * 1.044715)) computed by hand
    expect(y[1]).toBeCloseTo(0.8411920, 6);
    expect(y[2]).toBeCloseTo(-0.1588080, 6);
    expect(y[3]).toBeCloseTo(2.9963627, 5);
  });

  it('backward matches finite differences and accumulates', () => {
    const N = 50;
    const rng = new Rng(6);
    const x = randn(N, rng, 2);
    const w = randn(N, rng);
    const y = new Float32Array(N);
    const loss = () => {
      geluForward(y, x, N);
      return dot64(y, w);
    };
    const dx = new Float32Array(N);
    geluBackward(dx, x, w, N);
    expect(finiteDiffCheck(x, loss, dx, 1e-2).maxRelErr).toBeLessThan(1e-2);
    const once = dx.slice();
    geluBackward(dx, x, w, N);
    for (let i = 0; i < N; i++) expect(dx[i]).toBeCloseTo(2 * once[i], 5);
  });
});
