// A reward scorer a run holds for its whole life that delegates to the scorer in use now: a driver
// that lets the user change the reward's parts while the run goes on (the studio: another
// calibration table or embedding model) swaps what it delegates to; a scoring call already started
// finishes with the scorer it started with, and `idle` says when those calls are done (then a
// replaced model may be freed).

import type { RolloutScorer } from './trainer';

export class DelegatingScorer {
  private current: RolloutScorer;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(first: RolloutScorer) {
    this.current = first;
  }

  readonly score: RolloutScorer = (items) => {
    const p = this.current(items);
    const tracked = p.catch(() => {}).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return p;
  };

  /** Scores with `next` from the next call on. */
  use(next: RolloutScorer): void {
    this.current = next;
  }

  /** Resolves when the scoring calls started so far have finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
