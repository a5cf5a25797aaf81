// The one seeded shuffle (Fisher–Yates, last index first, one rng.int(k + 1) draw per position):
// batch order, SFT epochs, the warm-start script and the demo data split all use it, so the same
// seed gives the same order everywhere.

import type { Rng } from '../engine/rng';

/** Shuffles `a` in place and returns it. */
export function shuffleInPlace<T>(a: T[], rng: Rng): T[] {
  for (let k = a.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [a[k], a[j]] = [a[j], a[k]];
  }
  return a;
}
