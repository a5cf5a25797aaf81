// One chart redraw per browser task. A recharts chart does its layout work synchronously (its
// internal store updates go through useSyncExternalStore, which React never time-slices), so a
// step that redraws a dozen charts at once blocks the page for hundreds of milliseconds on a slow
// machine. Charts ask here instead; each granted redraw runs in its own task, and the browser
// paints and handles input between them. A chart that asks again before its turn keeps its place
// and draws its newest props when its turn comes.

export type Draw = () => void;

export interface DrawQueue {
  /** queue (or refresh) `owner`'s redraw; the job reads the newest props when it runs */
  request(owner: object, draw: Draw): void;
  cancel(owner: object): void;
  /** redraws waiting for their turn */
  readonly size: number;
}

/** `defer(run)` schedules `run` in a later task (setTimeout in the page; a fake in the unit test). */
export function createDrawQueue(defer: (run: () => void) => void): DrawQueue {
  const waiting = new Map<object, Draw>(); // insertion order = turn order
  let scheduled = false;
  const schedule = () => {
    if (scheduled || !waiting.size) return;
    scheduled = true;
    defer(runOne);
  };
  function runOne() {
    scheduled = false;
    const next = waiting.entries().next();
    if (next.done) return;
    const [owner, draw] = next.value;
    waiting.delete(owner);
    try {
      draw();
    } finally {
      schedule();
    }
  }
  return {
    request(owner, draw) {
      waiting.set(owner, draw);
      schedule();
    },
    cancel(owner) {
      waiting.delete(owner);
    },
    get size() {
      return waiting.size;
    },
  };
}

/** The page's queue: the next redraw runs in a new task after the current one. */
export const drawQueue = createDrawQueue((run) => setTimeout(run, 0));
