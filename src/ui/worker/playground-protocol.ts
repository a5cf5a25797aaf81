// Messages between the Router playground page and its simulation worker.

import type { RouterAlgorithm } from '../../lrpo/config';
import type { RouterSnapshot } from '../../lrpo/router/types';
import type { PlaygroundSpec } from '../views/playground/playground-spec';

export type PlaygroundCommand =
  | { type: 'init'; spec: PlaygroundSpec; gen: number }
  /** run until spec.steps (or pause), `stepsPerTick` steps per frame */
  | { type: 'play'; stepsPerTick: number }
  | { type: 'pause' }
  | { type: 'step'; count: number }
  | { type: 'speed'; stepsPerTick: number };

/** The new steps of one router column since the last message. */
export interface ColumnDelta {
  algorithm: RouterAlgorithm;
  /** step number (1-based) of the first record in this delta */
  fromStep: number;
  tau: number[];
  eps: number[];
  cumRegret: number[];
  /** per step, context-major C x L effective probabilities */
  effective: Float32Array[];
  /** per step, per context: the router's top choice and the true best (language indices) */
  topChoice: Int16Array[];
  best: Int16Array[];
  snapshot: RouterSnapshot;
  /** routed rollouts so far per context and language, [c * L + l] */
  routedCounts: number[];
}

export type PlaygroundEvent =
  | { type: 'progress'; gen: number; step: number; running: boolean; columns: ColumnDelta[]; stepsPerSecond: number }
  | { type: 'error'; gen: number; message: string };
