// Which training questions each step sees: a seeded shuffle of the dataset, consumed in order,
// reshuffled when used up. Its whole state is (order, cursor) so a resumed run sees the same batches.

import type { Rng } from '../engine/rng';
import { shuffleInPlace } from '../data/shuffle';

export interface BatchOrderState {
  order: number[];
  cursor: number;
}

function shuffled(n: number, rng: Rng): number[] {
  return shuffleInPlace(Array.from({ length: n }, (_, i) => i), rng);
}

/** The next `size` indices (distinct within a batch when size <= n); advances the state. */
export function nextBatch(state: BatchOrderState, n: number, size: number, rng: Rng): number[] {
  if (n === 0) throw new Error('no training examples');
  const out: number[] = [];
  while (out.length < size) {
    if (state.cursor >= state.order.length || state.order.length !== n) {
      state.order = shuffled(n, rng);
      state.cursor = 0;
    }
    out.push(state.order[state.cursor++]);
  }
  return out;
}
