import { describe, expect, it } from 'vitest';
import { residualBackward, residualForward } from './residual';

describe('residual', () => {
  it('adds, and backward accumulates dout into both inputs', () => {
    const a = new Float32Array([1, 2, 3]);
    const b = new Float32Array([0.5, -2, 4]);
    const out = new Float32Array(3);
    residualForward(out, a, b, 3);
    expect(Array.from(out)).toEqual([1.5, 0, 7]);
    const da = new Float32Array([1, 1, 1]);
    const db = new Float32Array(3);
    residualBackward(da, db, new Float32Array([2, 3, 4]), 3);
    expect(Array.from(da)).toEqual([3, 4, 5]);
    expect(Array.from(db)).toEqual([2, 3, 4]);
  });
});
