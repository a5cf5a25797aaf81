// The state the training runner shares with its parts (checkpoint opening, calibration, embedding model, autosave,
// device-loss recovery), and the few lifecycle operations those parts may call. The runner owns
// both; the parts get them explicitly instead of reaching into the runner. The state's fields are
// private: it changes only through its named transitions (built, openedCheckpoint, restoredHistory, ...).

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import type { FromWorker, RunState, StepReport } from './protocol';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { CalibrationUpload } from './calibration-upload';
import type { OpenedEmbedding } from './embedding-upload';
import type { RunSession } from './run-session';
import type { SftProgress } from '../../lrpo/sft-loop';

/** how many step reports and SFT progress points the runner keeps (saved with the run, sent back on resume) */
const HISTORY_KEPT = 2000;

/** What the studio opened instead of the configured files. */
export interface OpenedInputs {
  checkpoint: OpenedCheckpoint | null;
  calibration: CalibrationUpload | null;
  embedding: OpenedEmbedding | null;
}

/**
 * The runner's state. Its parts read it; it changes only through these named transitions, so one
 * file says every way it can change.
 */
export class RunnerState {
  private _session: RunSession | null = null;
  private _config: RunConfig | null = null;
  private _state: RunState = 'idle';
  private _running = false;
  private _recovering = false;
  private _examples: readonly Example[] = [];
  private _inputs: OpenedInputs = { checkpoint: null, calibration: null, embedding: null };
  private _history: StepReport[] = [];
  private _sftHistory: SftProgress[] = [];

  /** the built run (null before the first build and while a lost device is replaced) */
  get session(): RunSession | null {
    return this._session;
  }
  /** the configuration `session` was built from */
  get config(): RunConfig | null {
    return this._config;
  }
  get state(): RunState {
    return this._state;
  }
  /** the training loop runs (or is about to stop: see RunnerOps.stopLoop) */
  get running(): boolean {
    return this._running;
  }
  /** a device-loss recovery is in progress */
  get recovering(): boolean {
    return this._recovering;
  }
  /** the examples the page sent (empty: the session loads data.train_files) */
  get examples(): readonly Example[] {
    return this._examples;
  }
  /** a checkpoint the user opened (checked): resets start from it instead of model.checkpoint */
  get checkpoint(): OpenedCheckpoint | null {
    return this._inputs.checkpoint;
  }
  /** a calibration table the user opened: the reward uses it instead of reward.calibration_table */
  get calibration(): CalibrationUpload | null {
    return this._inputs.calibration;
  }
  /** an embedding model the user opened (checked, its session live): the reward's similarity instead of reward.similarity */
  get embedding(): OpenedEmbedding | null {
    return this._inputs.embedding;
  }
  /** what the user opened, all three */
  get inputs(): OpenedInputs {
    return { ...this._inputs };
  }
  /** the run's step reports (bounded) */
  get history(): readonly StepReport[] {
    return this._history;
  }
  /** the warm-start SFT's progress (bounded) */
  get sftHistory(): readonly SftProgress[] {
    return this._sftHistory;
  }

  /** A new session replaced the old one (the caller disposed the old one). */
  built(session: RunSession, config: RunConfig): void {
    this._session = session;
    this._config = config;
  }
  /** The session's device was lost and it was disposed: none until the recovery builds one. */
  sessionLost(): void {
    this._session = null;
  }
  status(state: RunState): void {
    this._state = state;
  }
  loopStarted(): void {
    this._running = true;
  }
  loopStopped(): void {
    this._running = false;
  }
  /** A device-loss recovery begins: the loop stops. */
  recoveryStarted(): void {
    this._recovering = true;
    this._running = false;
  }
  recoveryEnded(): void {
    this._recovering = false;
  }
  /** The examples the page sent with init, reset or an opened checkpoint. */
  useExamples(examples: readonly Example[]): void {
    this._examples = examples;
  }
  /** A checkpoint opened (or cleared): later resets and recoveries start from it. */
  openedCheckpoint(opened: OpenedCheckpoint | null): void {
    this._inputs = { ...this._inputs, checkpoint: opened };
  }
  /** The reward uses this calibration table now (null: the configured one). */
  usesCalibration(upload: CalibrationUpload | null): void {
    this._inputs = { ...this._inputs, calibration: upload };
  }
  /** The reward uses this embedding model now (null: the configured similarity). */
  usesEmbedding(opened: OpenedEmbedding | null): void {
    this._inputs = { ...this._inputs, embedding: opened };
  }
  /** All that was opened, at once (a resumed save's, or the ones before a failed resume). */
  useInputs(inputs: OpenedInputs): void {
    this._inputs = { ...inputs };
  }
  /** A step's report, kept (the oldest dropped beyond HISTORY_KEPT). */
  recordStep(report: StepReport): void {
    this._history.push(report);
    if (this._history.length > HISTORY_KEPT) this._history.splice(0, this._history.length - HISTORY_KEPT);
  }
  /** An SFT update's progress, kept (the oldest dropped beyond HISTORY_KEPT). */
  recordSft(progress: SftProgress): void {
    this._sftHistory.push(progress);
    if (this._sftHistory.length > HISTORY_KEPT) this._sftHistory.splice(0, this._sftHistory.length - HISTORY_KEPT);
  }
  /** The histories of a restored save (or empty ones for a new run). */
  restoredHistory(history: readonly StepReport[], sft: readonly SftProgress[]): void {
    this._history = [...history];
    this._sftHistory = [...sft];
  }
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

export function requireSession(st: RunnerState): RunSession {
  if (!st.session) throw new Error('no run is loaded yet');
  return st.session;
}

/** the run's step (0 before a run is built) */
export function runStep(st: RunnerState): number {
  return st.session?.run.step ?? 0;
}
