// The training loop the worker runs: start / pause / single step / reset, autosave every
// trainer.save_freq steps and on pause (atomic, see save-store.ts), resume from the last save,
// numeric faults (a skipped update is reported; max_consecutive_faults pauses the run), and device
// loss (report, rebuild the session on a new device, reload the last save, carry on).
// No DOM here: the worker wires it to postMessage, the unit tests to an array.

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import type { Model } from '../../engine/model-api';
import type { Trainer } from '../../lrpo/trainer';
import { captureRunSave, decodeRunSave, encodeRunSave, restoreRunSave } from '../../lrpo/run-state';
import type { DeviceInfo, ExportKind, FromWorker, RunState, StepReport, ToWorker } from './protocol';
import type { SaveStore } from './save-store';
import { toStudioReport } from './report-convert';
import { estimateStepFlops } from './flops';
import { numParams } from '../../engine/gpt/params';
import { writeExamplesParquet } from '../../data/parquet/write-parquet';

export interface RunSession {
  trainer: Trainer;
  model: Model;
  reference: Model | null;
  device: DeviceInfo;
  /** resolves with a message when the GPU device is lost; never resolves for the CPU backend */
  lost: Promise<string>;
  /** destroys the device (the device-loss drill); no-op on the CPU */
  loseDevice(): void;
  /** the examples this run trains on */
  examples: readonly Example[];
  /** the checkpoint export (the engine's single-file format) */
  exportCheckpoint(): Promise<{ filename: string; bytes: Uint8Array }>;
  dispose(): void;
}

export type SessionFactory = (config: RunConfig, examples: readonly Example[]) => Promise<RunSession>;

const HISTORY_KEPT = 2000;
/** how long a failed step waits for the device-lost signal before it counts as an ordinary error */
const LOST_GRACE_MS = 1000;
const STUDIO_FILE = 'studio.json';

export class TrainingRunner {
  private session: RunSession | null = null;
  private config: RunConfig | null = null;
  private state: RunState = 'idle';
  private running = false;
  private looping: Promise<void> | null = null;
  private history: StepReport[] = [];
  private recovering = false;
  private generation = 0;
  private examples: readonly Example[] = [];

  constructor(
    private readonly factory: SessionFactory,
    private readonly store: SaveStore | null,
    private readonly post: (m: FromWorker) => void,
  ) {}

  get step(): number {
    return this.session?.trainer.step ?? 0;
  }

  private status(state: RunState, message?: string): void {
    this.state = state;
    this.post({ type: 'status', state, step: this.step, message });
  }

  async handle(msg: ToWorker): Promise<void> {
    try {
      switch (msg.type) {
        case 'init':
          this.examples = msg.examples;
          return await this.init(msg.config);
        case 'resume':
          return await this.resumeFromSave();
        case 'reset':
          this.examples = msg.examples;
          return await this.reset(msg.config);
        case 'openCheckpoint':
          return; // handled by the worker's session factory (it keeps the file for the next build)
        case 'start':
          return this.start();
        case 'pause':
          return await this.pause('paused by the user');
        case 'step':
          return await this.singleStep();
        case 'save':
          return void (await this.save());
        case 'export':
          return await this.exportState(msg.kind);
        case 'injectFault':
          this.requireSession().trainer.injectFault();
          this.post({ type: 'status', state: this.state, step: this.step, message: 'fault injected: the next update gets a NaN gradient' });
          return;
        case 'loseDevice':
          return this.requireSession().loseDevice();
      }
    } catch (e) {
      this.running = false;
      // a failure keeps whatever run was loaded (e.g. a bad checkpoint on Reset)
      this.status(this.session ? 'paused' : 'error', (e as Error).message);
      this.post({ type: 'error', message: (e as Error).message });
    }
  }

  private requireSession(): RunSession {
    if (!this.session) throw new Error('no run is loaded yet');
    return this.session;
  }

  /** Tells the page about a saved run (it offers to resume), then builds a fresh session. */
  private async init(config: RunConfig): Promise<void> {
    const saved = this.store ? await this.store.pointer() : null;
    if (saved) this.post({ type: 'savedRun', step: saved.step, savedAt: saved.savedAt });
    await this.build(config);
  }

  private async build(config: RunConfig): Promise<void> {
    this.status('loading', 'building the model and the trainer');
    // the new session is built first: if that fails (bad checkpoint, missing data), the old one stays
    const s = await this.factory(config, this.examples);
    this.session?.dispose();
    this.session = s;
    this.config = config;
    this.watchDevice(s);
    this.post({ type: 'device', device: s.device });
    this.status('ready');
  }

  private async reset(config: RunConfig): Promise<void> {
    await this.stopLoop();
    await this.build(config);
    this.history = [];
    await this.store?.clear();
  }

  private start(): void {
    this.requireSession();
    if (this.running) return;
    this.running = true;
    this.status('running');
    this.looping = this.loop();
  }

  private async stopLoop(): Promise<void> {
    this.running = false;
    await this.looping;
    this.looping = null;
  }

  private async pause(reason: string): Promise<void> {
    const wasRunning = this.running;
    await this.stopLoop();
    if (!this.session) return;
    this.status('paused');
    this.post({ type: 'paused', reason });
    if (wasRunning || reason !== 'paused by the user') await this.save();
  }

  private async singleStep(): Promise<void> {
    if (this.running) return;
    this.status('running');
    await this.oneStep();
    if (this.state === 'running') this.status('paused');
  }

  private async loop(): Promise<void> {
    try {
      while (this.running && this.session) {
        const ok = await this.oneStep();
        if (!ok) break;
        const total = this.config!.trainer.total_training_steps;
        if (this.step >= total) {
          this.running = false;
          this.status('paused');
          this.post({ type: 'paused', reason: `finished: ${total} training steps (trainer.total_training_steps)` });
          await this.save();
        }
        // yield to the worker's event loop so pause/step messages are handled between steps
        await new Promise((r) => setTimeout(r, 0));
      }
    } catch (e) {
      this.running = false;
      this.status(this.session ? 'paused' : 'error', (e as Error).message);
      this.post({ type: 'error', message: (e as Error).message });
    }
  }

  /** One trainer step; false when the loop must stop (fault limit, device loss, error). */
  private async oneStep(): Promise<boolean> {
    const s = this.requireSession();
    let report;
    try {
      report = await s.trainer.trainStep();
    } catch (e) {
      // A lost device makes the step in flight fail, sometimes just before `lost` resolves: give the
      // signal a moment, and if it comes, stop quietly and let the recovery take over.
      if (await this.deviceWasLost(s)) return false;
      throw e;
    }
    const studio = toStudioReport(report);
    const c = this.config!;
    const seconds = report.timing['timing_s/step'] ?? 0;
    if (seconds > 0) {
      const flops = estimateStepFlops(
        numParams(s.model.config),
        { totalTokens: report.metrics['perf/total_num_tokens'] ?? 0, responseTokens: report.rollouts.reduce((a, r) => a + r.responseLength, 0) },
        c.actor.ppo_epochs,
        c.actor.use_kl_loss,
      );
      studio.metrics['perf/flops_per_s_estimate'] = flops / seconds;
    }
    this.history.push(studio);
    if (this.history.length > HISTORY_KEPT) this.history.splice(0, this.history.length - HISTORY_KEPT);
    this.post({ type: 'reports', reports: [studio] });
    if (report.skipped) {
      this.post({
        type: 'fault',
        step: report.step,
        message: `update skipped (weights kept): ${report.faults.join('; ') || 'non-finite loss or gradient'}`,
        consecutive: report.metrics['faults/consecutive'] ?? 1,
      });
    }
    if (report.halted) {
      this.running = false;
      this.status('paused');
      this.post({ type: 'paused', reason: report.halted });
      return false;
    }
    const freq = this.config!.trainer.save_freq;
    if (freq > 0 && report.step % freq === 0) {
      try {
        await this.save();
      } catch (e) {
        if (await this.deviceWasLost(s)) return false;
        throw e;
      }
    }
    return true;
  }

  /** True when session s lost its device (waiting briefly: the signal can trail the failed call). */
  private async deviceWasLost(s: RunSession): Promise<boolean> {
    if (this.recovering || this.session !== s) return true;
    return Promise.race([s.lost.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), LOST_GRACE_MS))]);
  }

  /** Writes the run to browser storage (atomic); returns the generation or 0 without a store. */
  async save(): Promise<number> {
    if (!this.store || !this.session) return 0;
    const s = this.session;
    const run = await captureRunSave(s.trainer, s.model, s.reference, {});
    const files: Record<string, unknown> = { ...encodeRunSave(run), [STUDIO_FILE]: { history: this.history } };
    const gen = await this.store.save(run.step, files);
    this.generation = gen;
    this.post({ type: 'saved', step: run.step, generation: gen });
    return gen;
  }

  private async resumeFromSave(): Promise<void> {
    const loaded = await this.store!.load();
    if (!loaded) throw new Error('there is no saved run to resume');
    const bytes: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(loaded.files)) if (v instanceof Uint8Array) bytes[k] = v;
    const run = decodeRunSave(bytes, `saved run (generation ${loaded.pointer.generation})`);
    await this.stopLoop();
    if (!this.session || JSON.stringify(this.config) !== JSON.stringify(run.config)) await this.build(run.config);
    const s = this.requireSession();
    await restoreRunSave(run, s.trainer, s.model, s.reference);
    const studio = loaded.files[STUDIO_FILE] as { history?: StepReport[] } | undefined;
    this.history = (studio?.history ?? []).filter((r) => r.step <= run.step);
    this.generation = loaded.pointer.generation;
    this.post({ type: 'resumed', step: run.step, history: this.history });
    this.status('paused', `resumed at step ${run.step} (save generation ${loaded.pointer.generation})`);
  }

  private watchDevice(s: RunSession): void {
    void s.lost.then(async (message) => {
      if (this.session !== s) return; // an old session disposed on purpose
      const wasRunning = this.running;
      this.recovering = true;
      this.running = false;
      this.post({ type: 'deviceLost', message });
      this.status('recovering', `GPU device lost (${message}); recreating it and reloading the last save`);
      try {
        await this.looping?.catch(() => {}); // the step in flight fails with the device; that is expected
        this.looping = null;
        s.dispose();
        this.session = null;
        const saved = this.store ? await this.store.pointer() : null;
        if (saved) await this.resumeFromSave();
        else await this.build(this.config!);
        this.post({ type: 'recovered', step: this.step });
        this.recovering = false;
        if (wasRunning) this.start();
        else this.status('paused');
      } catch (e) {
        this.recovering = false;
        this.status('error', `recovery after device loss failed: ${(e as Error).message}`);
        this.post({ type: 'error', message: (e as Error).message });
      }
    });
  }

  private async exportState(kind: ExportKind): Promise<void> {
    const s = this.requireSession();
    if (kind === 'checkpoint') {
      const { filename, bytes } = await s.exportCheckpoint();
      this.post({ type: 'exported', kind, filename, bytes });
      return;
    }
    if (kind === 'dataset') {
      const bytes = await writeExamplesParquet(s.examples);
      this.post({ type: 'exported', kind, filename: 'dataset.parquet', bytes });
      return;
    }
    const state = s.trainer.getState().router;
    if (!state) throw new Error('this run has no router state (routing is off or a fixed mix)');
    const bytes = new TextEncoder().encode(JSON.stringify(state, null, 1));
    this.post({ type: 'exported', kind, filename: 'router_state.json', bytes });
  }
}
