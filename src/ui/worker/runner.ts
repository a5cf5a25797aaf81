// The training loop the worker runs: start / pause / single step / reset, autosave every
// trainer.save_freq steps and on pause (atomic, see autosave.ts and save-store.ts), resume from the
// last save, numeric faults (a skipped update is reported; max_consecutive_faults pauses the run),
// and device loss (report, rebuild the session on a new device, reload the last save, carry on: see
// device-recovery.ts). Opening a checkpoint, a calibration table or an embedding model, generation
// for the Evaluate view and the exports are their own modules; this file dispatches the messages and
// runs the loop.
// No DOM here: the worker wires it to postMessage, the unit tests to an array.

import type { RunConfig } from '../../lrpo/config';
import { formatProblem } from '../../data/example';
import type { FromWorker, RunState, ToWorker } from './protocol';
import type { SaveStore } from './save-store';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { SessionFactory } from './run-session';
import { RunnerState, requireSession, runStep, type RunnerOps } from './runner-context';
import { Autosave } from './autosave';
import { deviceWasLost, watchDevice } from './device-recovery';
import { openCheckpoint } from './checkpoint-opening';
import { openCalibration, useCalibration } from './calibration-opening';
import { openEmbedding, useEmbedding } from './embedding-opening';
import { GenerationRequests } from './generation-requests';
import { studioStepReport } from './step-report';
import { exportRunState } from './run-exports';
import { probeStepMessage } from './step-probe';

export type { RunSession, SessionInputs, SessionFactory } from './run-session';

export class TrainingRunner {
  private readonly st = new RunnerState();
  private looping: Promise<void> | null = null;
  private readonly ops: RunnerOps = {
    post: (m) => this.post(m),
    status: (state, message) => this.status(state, message),
    build: (config, checkpoint) => this.build(config, checkpoint),
    start: () => this.start(),
    stopLoop: () => this.stopLoop(),
    clearSaved: () => this.clearSaved(),
  };
  private readonly saves: Autosave;
  private readonly generation: GenerationRequests;

  constructor(
    private readonly factory: SessionFactory,
    store: SaveStore | null,
    private readonly post: (m: FromWorker) => void,
  ) {
    this.saves = new Autosave(store, this.st, this.ops);
    this.generation = new GenerationRequests(this.st, post);
  }

  get step(): number {
    return runStep(this.st);
  }

  private status(state: RunState, message?: string): void {
    this.st.status(state);
    this.post({ type: 'status', state, step: this.step, message });
  }

  async handle(msg: ToWorker): Promise<void> {
    const { st, ops } = this;
    try {
      switch (msg.type) {
        case 'init':
          st.useExamples(msg.examples);
          return await this.init(msg.config);
        case 'resume':
          return await this.saves.resume();
        case 'reset':
          st.useExamples(msg.examples);
          return await this.reset(msg.config);
        case 'openCheckpoint':
          return await openCheckpoint(st, ops, msg.files, msg.config, msg.examples);
        case 'clearCheckpoint':
          st.openedCheckpoint(null);
          return this.post({ type: 'checkpointCleared' });
        case 'openCalibration':
          return await openCalibration(st, ops, { name: msg.name, text: msg.text });
        case 'clearCalibration':
          return await useCalibration(st, ops, null);
        case 'openEmbedding':
          return await openEmbedding(st, ops, { model: msg.model, tokenizer: msg.tokenizer });
        case 'clearEmbedding':
          return await useEmbedding(st, ops, null);
        case 'start':
          return this.start();
        case 'pause':
          return await this.pause('paused by the user');
        case 'step':
          return await this.singleStep();
        case 'save':
          return void (await this.save());
        case 'export':
          return this.post({ type: 'exported', kind: msg.kind, ...(await exportRunState(requireSession(st), msg.kind)) });
        case 'generate':
          return await this.generation.generate(msg);
        case 'cancelGenerate':
          return this.generation.cancel(msg.id);
        case 'injectFault':
          requireSession(st).run.injectFault();
          this.post({ type: 'status', state: st.state, step: this.step, message: 'fault injected: the next update gets a NaN gradient' });
          return;
        case 'loseDevice':
          return requireSession(st).loseDevice();
        case 'probeStep':
          return await probeStepMessage(st, ops, this.post);
      }
    } catch (e) {
      st.loopStopped();
      // a failure keeps whatever run was loaded (e.g. a bad checkpoint on Reset)
      this.status(st.session ? 'paused' : 'error', (e as Error).message);
      this.post({ type: 'error', message: (e as Error).message });
    }
  }

  /** Writes the run to browser storage (atomic); returns the generation or 0 without a store. */
  save(): Promise<number> {
    return this.saves.save();
  }

  /** Tells the page about a saved run (it offers to resume), then builds a fresh session. */
  private async init(config: RunConfig): Promise<void> {
    const saved = await this.saves.pointer();
    if (saved) this.post({ type: 'savedRun', step: saved.step, savedAt: saved.savedAt });
    await this.build(config);
  }

  private async build(config: RunConfig, checkpoint: OpenedCheckpoint | null = this.st.checkpoint): Promise<void> {
    const st = this.st;
    this.status('loading', 'building the model and the trainer');
    // the new session is built first: if that fails (bad checkpoint, missing data), the old one stays
    const s = await this.factory(config, st.examples, { checkpoint, calibration: st.calibration, embedding: st.embedding });
    st.session?.dispose();
    st.built(s, config);
    watchDevice(st, this.ops, { hasSave: async () => !!(await this.saves.pointer()), resume: () => this.saves.resume() }, s);
    this.post({ type: 'device', device: s.device });
    this.post({ type: 'calibration', ...s.calibration });
    this.post({ type: 'similarity', inUse: s.similarity });
    for (const note of s.notes ?? []) this.post({ type: 'status', state: 'loading', step: this.step, message: note });
    if (s.run.skipped.length) {
      this.post({ type: 'status', state: 'loading', step: this.step, message: `${s.run.skipped.length} question(s) have no language tag in the model and are left out (first: ${formatProblem(s.run.skipped[0])})` });
    }
    this.status('ready');
  }

  /** After a new run is built: its history starts empty and the old run's save is gone. */
  private async clearSaved(): Promise<void> {
    this.st.restoredHistory([], []);
    await this.saves.forget();
  }

  private async reset(config: RunConfig): Promise<void> {
    await this.stopLoop();
    await this.build(config);
    await this.clearSaved();
    this.post({ type: 'runCleared', step: this.step });
  }

  private start(): void {
    requireSession(this.st);
    if (this.st.running) return;
    this.st.loopStarted();
    this.status('running');
    this.looping = this.loop();
  }

  private async stopLoop(): Promise<void> {
    this.st.loopStopped();
    try {
      await this.looping;
    } finally {
      this.looping = null;
    }
  }

  private async pause(reason: string): Promise<void> {
    const wasRunning = this.st.running;
    await this.stopLoop();
    if (!this.st.session) return;
    this.status('paused');
    this.post({ type: 'paused', reason });
    if (wasRunning || reason !== 'paused by the user') await this.saves.saveIfNew();
  }

  private async singleStep(): Promise<void> {
    if (this.st.running) return;
    this.status('running');
    await this.oneStep();
    if (this.st.state === 'running') this.status('paused');
    // a single step leaves the run paused: saved like a pause, so a reload keeps it
    if (!this.st.recovering) await this.saves.saveIfNew();
  }

  private async loop(): Promise<void> {
    const st = this.st;
    try {
      while (st.running && st.session) {
        const ok = await this.oneStep();
        if (!ok) break;
        // yield to the worker's event loop so pause/step messages are handled between steps
        await new Promise((r) => setTimeout(r, 0));
      }
    } catch (e) {
      st.loopStopped();
      this.status(st.session ? 'paused' : 'error', (e as Error).message);
      this.post({ type: 'error', message: (e as Error).message });
    }
  }

  /** One unit of the run (an SFT update or an LRPO step); false when the loop must stop (finished, fault limit, device loss, error). */
  private async oneStep(): Promise<boolean> {
    const st = this.st;
    const s = requireSession(st);
    if (s.run.finished) return this.finish(false);
    let events;
    try {
      events = await s.run.next();
    } catch (e) {
      // A lost device makes the step in flight fail, sometimes just before `lost` resolves: give the
      // signal a moment, and if it comes, stop quietly and let the recovery take over.
      if (await deviceWasLost(st, s)) return false;
      throw e;
    }
    let go = true;
    for (const e of events) {
      switch (e.type) {
        case 'sft':
          st.recordSft(e.progress);
          this.post({ type: 'sft', progress: [e.progress] });
          break;
        case 'step': {
          const studio = studioStepReport(e.report, s.model, st.config!);
          st.recordStep(studio);
          this.post({ type: 'reports', reports: [studio] });
          break;
        }
        case 'validation':
          break; // its val-core/... metrics are in the step's report
        case 'fault':
          this.post({ type: 'fault', step: e.step, message: e.message, consecutive: e.consecutive });
          if (e.halted) {
            st.loopStopped();
            this.status('paused');
            this.post({ type: 'paused', reason: e.halted });
            go = false;
          }
          break;
        case 'save':
          if (e.reason === 'finished') go = (await this.finish(true)) && go;
          else {
            try {
              await this.save();
            } catch (err) {
              if (await deviceWasLost(st, s)) return false;
              throw err;
            }
          }
          break;
      }
    }
    return go;
  }

  /** The run has done all its steps: pause and save. */
  private async finish(save: boolean): Promise<boolean> {
    const st = this.st;
    const total = st.config!.trainer.total_training_steps;
    st.loopStopped();
    this.status('paused');
    this.post({ type: 'paused', reason: `finished: ${total} training steps (trainer.total_training_steps)` });
    if (save) await this.save();
    return false;
  }
}
