// The state the training runner shares with its parts (checkpoint opening, calibration, embedding model, autosave,
// device-loss recovery), and the few lifecycle operations those parts may call. The runner owns
// both; the parts get them explicitly instead of reaching into the runner.

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import type { FromWorker, RunState, StepReport } from './protocol';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { CalibrationUpload } from './calibration-upload';
import type { OpenedEmbedding } from './embedding-upload';
import type { RunSession } from './run-session';
import type { SftProgress } from '../../lrpo/sft-loop';

export interface RunnerState {
  session: RunSession | null;
  /** the configuration `session` was built from */
  config: RunConfig | null;
  state: RunState;
  /** the training loop runs (or is about to stop: see RunnerOps.stopLoop) */
  running: boolean;
  /** a device-loss recovery is in progress */
  recovering: boolean;
  /** the examples the page sent (empty: the session loads data.train_files) */
  examples: readonly Example[];
  /** a checkpoint the user opened (checked): resets start from it instead of model.checkpoint */
  checkpoint: OpenedCheckpoint | null;
  /** a calibration table the user opened: the reward uses it instead of reward.calibration_table */
  calibration: CalibrationUpload | null;
  /** an embedding model the user opened (checked, its session live): the reward's similarity instead of reward.similarity */
  embedding: OpenedEmbedding | null;
  /** the run's step reports (bounded), saved with the run and sent back on resume */
  history: StepReport[];
  /** the warm-start SFT's progress, saved with the run and sent back on resume */
  sftHistory: SftProgress[];
}

export interface RunnerOps {
  post(m: FromWorker): void;
  /** sets the run state and tells the page */
  status(state: RunState, message?: string): void;
  /** builds a new session and replaces the old one only when that succeeded */
  build(config: RunConfig, checkpoint?: OpenedCheckpoint | null): Promise<void>;
  /** starts the training loop (no-op when it runs) */
  start(): void;
  /** stops the training loop and waits for the step in flight */
  stopLoop(): Promise<void>;
  /** after a new run is built: empty history, no save */
  clearSaved(): Promise<void>;
}

export function initialRunnerState(): RunnerState {
  return { session: null, config: null, state: 'idle', running: false, recovering: false, examples: [], checkpoint: null, calibration: null, embedding: null, history: [], sftHistory: [] };
}

export function requireSession(st: RunnerState): RunSession {
  if (!st.session) throw new Error('no run is loaded yet');
  return st.session;
}

/** the run's step (0 before a run is built) */
export function runStep(st: RunnerState): number {
  return st.session?.run.step ?? 0;
}
