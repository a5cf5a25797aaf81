// The typed messages between the studio page and the training worker, and the StepReport shape the
// UI draws. The worker owns the Trainer and the model; the page only sends commands and applies reports.

import type { RunConfig } from '../../lrpo/config';
import type { SftProgress } from '../../lrpo/sft-loop';
import type { RolloutRecord } from '../../lrpo/trainer';
import type { RouterLogLine } from '../../lrpo/router/types';
import type { Example, Problem } from '../../data/example';
import type { UploadFile } from './checkpoint-upload';
import type { CalibrationInfo } from './calibration-upload';
import type { EmbeddingBlame, SimilarityInUse } from './embedding-upload';
import type { StepProbe } from './step-probe';
import type { GeneratedPrediction, QuestionToAnswer } from '../../eval/generate-predictions';

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
  /** the trainer's full rollout records and router log line (the Teaching view's walk-through) */
  records?: RolloutRecord[];
  routerLog?: RouterLogLine | null;
}

export interface DeviceInfo {
  backend: 'cpu' | 'webgpu';
  adapterName: string;
  isFallbackAdapter: boolean;
  /** why WebGPU is not in use, when it is not */
  webgpuUnavailable?: string;
}

/** peft_adapter / merged_model / verl_launch: folders (as .zip) of a run on an opened Hugging Face model */
export type ExportKind = 'checkpoint' | 'router_state' | 'dataset' | FolderExportKind;
export type FolderExportKind = 'peft_adapter' | 'merged_model' | 'verl_launch';

/** What the Evaluate view asks the current run's model to do (see generate-answers.ts). */
export interface GenerateRequest {
  /** echoed in every reply, so a late reply to an older request is recognised and ignored */
  id: number;
  questions: QuestionToAnswer[];
  maxNewTokens: number;
  /** greedy (temperature 0), or the run's actor.rollout_temperature / top_k / top_p and seed */
  decoding: 'greedy' | 'run';
  batchSize: number;
}

export interface GenerateResult {
  id: number;
  predictions: GeneratedPrediction[];
  /** questions not generated because, in tag mode, the model's tokenizer has no tag for their language */
  skipped: { id: string; language: string }[];
  /** true when cancelled: `predictions` holds the batches finished before the cancel */
  cancelled: boolean;
  /** what produced the predictions, for the prediction source's label */
  model: { step: number; backend: DeviceInfo['backend']; mode: 'tag' | 'system' | 'chat'; decoding: string; maxNewTokens: number };
}

export type ToWorker =
  | { type: 'init'; config: RunConfig; examples: Example[] }
  | { type: 'resume' }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset'; config: RunConfig; examples: Example[] }
  /** checkpoint file(s) the user opened: checked in full, then the run resets from it (or nothing changes) */
  | { type: 'openCheckpoint'; files: UploadFile[]; config: RunConfig; examples: Example[] }
  /** forget an opened checkpoint: the next reset starts from model.checkpoint again */
  | { type: 'clearCheckpoint' }
  /** a calibration table the user opened: used by the reward from the next step (or refused) */
  | { type: 'openCalibration'; name: string; text: string }
  /** back to reward.calibration_table of the run's configuration */
  | { type: 'clearCalibration' }
  /** an embedding model and its tokenizer.json the user opened: checked, then the reward's similarity from the next step (or refused) */
  | { type: 'openEmbedding'; model: { name: string; bytes: Uint8Array }; tokenizer: { name: string; text: string } }
  /** back to reward.similarity of the run's configuration */
  | { type: 'clearEmbedding' }
  | { type: 'save' }
  | { type: 'export'; kind: ExportKind }
  /** generate answers with the run's model; refused while training runs (see generate-answers.ts) */
  | ({ type: 'generate' } & GenerateRequest)
  | { type: 'cancelGenerate'; id: number }
  | { type: 'injectFault'; kind: 'nan-grad' }
  | { type: 'loseDevice' }
  /** time one step of the run and put its state back (step-probe.ts): the seconds-per-step estimate before Start */
  | { type: 'probeStep' };

export type RunState = 'idle' | 'loading' | 'ready' | 'running' | 'paused' | 'recovering' | 'error';

export type FromWorker =
  | { type: 'status'; state: RunState; step: number; message?: string }
  | { type: 'device'; device: DeviceInfo }
  | { type: 'reports'; reports: StepReport[] }
  /** warm-start SFT updates (sft.steps > 0, before the LRPO steps) */
  | { type: 'sft'; progress: SftProgress[] }
  | { type: 'fault'; step: number; message: string; consecutive: number }
  | { type: 'paused'; reason: string }
  | { type: 'saved'; step: number; generation: number }
  /** a saved run exists in browser storage (sent once after init) */
  | { type: 'savedRun'; step: number; savedAt: number }
  /** `checkpoint`: the opened checkpoint the saved run started from, if any */
  | { type: 'resumed'; step: number; history: StepReport[]; sft: SftProgress[]; checkpoint: string | null }
  /** a reset finished: the new run is at step 0 and the page may drop the old run's history */
  | { type: 'runCleared'; step: number }
  /** an opened checkpoint loaded and the run was reset from it */
  | { type: 'checkpointOpened'; name: string; step: number }
  /** an opened checkpoint was refused; the run, its weights and its history are unchanged */
  | { type: 'checkpointFailed'; name: string; reason: string }
  | { type: 'checkpointCleared' }
  /** the calibration the reward uses now, and the bad rows of its table */
  | { type: 'calibration'; info: CalibrationInfo; problems: Problem[] }
  /** an opened calibration table was refused (no usable row); the table in use is unchanged */
  | { type: 'calibrationFailed'; name: string; problems: Problem[] }
  /** the similarity backend the reward uses now */
  | { type: 'similarity'; inUse: SimilarityInUse }
  /** an opened embedding model was refused; the similarity backend in use is unchanged */
  | { type: 'embeddingFailed'; problem: Problem; blame: EmbeddingBlame }
  | { type: 'deviceLost'; message: string }
  | { type: 'recovered'; step: number }
  | { type: 'exported'; kind: ExportKind; filename: string; bytes: Uint8Array }
  | { type: 'generateProgress'; id: number; done: number; total: number }
  | ({ type: 'generated' } & GenerateResult)
  | { type: 'generateFailed'; id: number; message: string }
  | { type: 'error'; message: string }
  /** the one-step probe's timing (the run's state is as before it) */
  | ({ type: 'stepProbe' } & StepProbe)
  | { type: 'stepProbeFailed'; message: string };
