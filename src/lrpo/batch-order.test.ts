import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { nextBatch, type BatchOrderState } from './batch-order';

describe('nextBatch', () => {
  it('visits every example once per epoch and replays identically from a saved state', () => {
    const rng = new Rng(5);
    const st: BatchOrderState = { order: [], cursor: 0 };
    const epoch = [...nextBatch(st, 6, 3, rng), ...nextBatch(st, 6, 3, rng)];
    expect([...epoch].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const saved = { order: [...st.order], cursor: st.cursor };
    const rngState = rng.getState();
    const a = nextBatch(st, 6, 4, rng);
    const b = nextBatch(saved, 6, 4, new Rng(rngState));
    expect(b).toEqual(a);
  });
});
