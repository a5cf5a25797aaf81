// The playground's simulation loop without the worker plumbing (so it runs in unit tests): one
// Simulator per router column, all on the same world and seed, advanced together.

import { Simulator } from '../../lrpo/playground/simulator';
import type { PlaygroundSpec } from '../views/playground/playground-spec';
import type { ColumnDelta } from './playground-protocol';

export class PlaygroundRunner {
  readonly sims: Simulator[];

  constructor(readonly spec: PlaygroundSpec) {
    this.sims = spec.columns.map((algorithm) => new Simulator(spec.world, {
      router: { ...spec.router, algorithm, languages: [...spec.world.languages] },
      n: spec.n,
      questionsPerStep: spec.questionsPerStep,
      seed: spec.seed,
    }));
  }

  get step(): number {
    return this.sims[0]?.step ?? 0;
  }

  get done(): boolean {
    return this.step >= this.spec.steps;
  }

  /** Runs up to `count` steps (never past spec.steps) and returns what is new for each column. */
  advance(count: number): ColumnDelta[] {
    const k = Math.max(0, Math.min(count, this.spec.steps - this.step));
    return this.sims.map((sim) => {
      const fromStep = sim.step + 1;
      const recs = sim.run(k);
      return {
        algorithm: sim.algorithm,
        fromStep,
        tau: recs.map((r) => r.tau),
        eps: recs.map((r) => r.eps),
        cumRegret: recs.map((r) => r.cumRegret),
        effective: recs.map((r) => r.effective),
        topChoice: recs.map((r) => r.topChoice),
        best: recs.map((r) => r.best),
        snapshot: sim.router.snapshot(),
        routedCounts: Array.from(sim.routedCounts),
      };
    });
  }
}
