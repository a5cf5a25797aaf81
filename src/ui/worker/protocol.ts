// The typed messages between the studio page and the training worker, and the StepReport shape the
// UI draws. The worker owns the Trainer and the model; the page only sends commands and applies reports.

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';

/** Router probabilities for one logged step, exactly as in the reference's router JSONL. */
export type RouterProbs = Record<string, { softmax: Record<string, number>; effective: Record<string, number> }>;

/** One point of the router timeline (from a live run or replayed from a router JSONL). */
export interface RouterFrame {
  step: number;
  probs: RouterProbs;
  /** schedules of this step; tau is unknown in a replay, eps is derived from softmax vs effective */
  tau?: number;
  eps?: number;
  /** value tables: topic -> lang -> Q, region -> lang -> Q (live runs only) */
  values?: { topic: Record<string, Record<string, number>>; region: Record<string, Record<string, number>> };
  /** rollouts routed to each language in this step (live runs only) */
  rolloutsByLang?: Record<string, number>;
}

export interface RolloutRow {
  group: number;
  question: string;
  topic: string;
  region: string;
  origLang: string;
  targetLang: string;
  response: string;
  detectedLang: string;
  similarity: number;
  calibrated: number;
  reward: number;
  advantage: number;
}

export interface StepReport {
  step: number;
  /** verl metric names: critic/score/mean, actor/entropy, actor/ppo_kl, actor/grad_norm, ... */
  metrics: Record<string, number>;
  router?: RouterFrame;
  rollouts: RolloutRow[];
  /** every advantage of the step (for the histogram) */
  advantages: number[];
  /** true when the update was skipped because the loss or gradient was not finite */
  skipped: boolean;
  timeMs: number;
}

export interface DeviceInfo {
  backend: 'cpu' | 'webgpu';
  adapterName: string;
  isFallbackAdapter: boolean;
  /** why WebGPU is not in use, when it is not */
  webgpuUnavailable?: string;
}

export type ExportKind = 'checkpoint' | 'router_state' | 'dataset';

export type ToWorker =
  | { type: 'init'; config: RunConfig; examples: Example[] }
  | { type: 'resume' }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset'; config: RunConfig; examples: Example[] }
  /** a checkpoint file the user opened: the next reset starts from it */
  | { type: 'openCheckpoint'; name: string; bytes: Uint8Array }
  | { type: 'save' }
  | { type: 'export'; kind: ExportKind }
  | { type: 'injectFault'; kind: 'nan-grad' }
  | { type: 'loseDevice' };

export type RunState = 'idle' | 'loading' | 'ready' | 'running' | 'paused' | 'recovering' | 'error';

export type FromWorker =
  | { type: 'status'; state: RunState; step: number; message?: string }
  | { type: 'device'; device: DeviceInfo }
  | { type: 'reports'; reports: StepReport[] }
  | { type: 'fault'; step: number; message: string; consecutive: number }
  | { type: 'paused'; reason: string }
  | { type: 'saved'; step: number; generation: number }
  /** a saved run exists in browser storage (sent once after init) */
  | { type: 'savedRun'; step: number; savedAt: number }
  | { type: 'resumed'; step: number; history: StepReport[] }
  | { type: 'deviceLost'; message: string }
  | { type: 'recovered'; step: number }
  | { type: 'exported'; kind: ExportKind; filename: string; bytes: Uint8Array }
  | { type: 'error'; message: string };
