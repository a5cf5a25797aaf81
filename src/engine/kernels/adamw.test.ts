import { describe, expect, it } from 'vitest';
import { adamwUpdate } from './adamw';

describe('adamw', () => {
  it('matches the torch.optim.AdamW recurrence computed by hand for three steps', () => {
    const lr = 0.1, b1 = 0.9, b2 = 0.99, eps = 1e-8, wd = 0.5;
    const p = new Float32Array([1, -2]);
    const m = new Float32Array(2);
    const v = new Float32Array(2);
    const gs = [[0.5, -1], [0.25, 2], [-1, 0.1]];
    const ref = [1, -2];
    const rm = [0, 0];
    const rv = [0, 0];
    gs.forEach((g, k) => {
      const t = k + 1;
      adamwUpdate(p, new Float32Array(g), m, v, 2, lr, b1, b2, eps, wd, t);
      for (let i = 0; i < 2; i++) {
        ref[i] -= lr * wd * ref[i];
        rm[i] = b1 * rm[i] + (1 - b1) * g[i];
        rv[i] = b2 * rv[i] + (1 - b2) * g[i] * g[i];
        ref[i] -= (lr * (rm[i] / (1 - b1 ** t))) / (Math.sqrt(rv[i] / (1 - b2 ** t)) + eps);
      }
      for (let i = 0; i < 2; i++) {
        expect(p[i]).toBeCloseTo(ref[i], 6);
        expect(m[i]).toBeCloseTo(rm[i], 6);
        expect(v[i]).toBeCloseTo(rv[i], 6);
      }
    });
    // first step with zero decay moves each weight by exactly lr * sign(g)
    const q = new Float32Array([0, 0]);
    adamwUpdate(q, new Float32Array([3, -0.2]), new Float32Array(2), new Float32Array(2), 2, 0.1, 0.9, 0.999, 0, 0, 1);
    expect(q[0]).toBeCloseTo(-0.1, 6);
    expect(q[1]).toBeCloseTo(0.1, 6);
  });
});
