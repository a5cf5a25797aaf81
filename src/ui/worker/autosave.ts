// Autosave and resume for the training runner: the run (weights, AdamW state, reference policy,
// trainer and router state with its RNG, step) plus the studio's part (step history, the opened
// checkpoint and calibration table) is written to browser storage atomically (save-store.ts), and a
// saved run is read back and restored into a session of the same configuration and checkpoint.

import { captureRunSave, decodeRunSave, encodeRunSave, restoreRunSave } from '../../lrpo/run-state';
import type { SaveStore } from './save-store';
import { STUDIO_FILE, checkpointOfSave, sameCheckpoint, sameUpload, studioFile, type StudioFile } from './studio-save';
import { requireSession, type RunnerOps, type RunnerState } from './runner-context';

export class Autosave {
  /** the step of the last save (-1: none since the run was built), so a step is never saved twice */
  private savedStep = -1;

  constructor(
    private readonly store: SaveStore | null,
    private readonly st: RunnerState,
    private readonly ops: RunnerOps,
  ) {}

  /** the saved run's pointer (step, generation, time), or null without a save or a store */
  async pointer() {
    return this.store ? await this.store.pointer() : null;
  }

  /** Writes the run to browser storage (atomic); returns the generation or 0 without a store. */
  async save(): Promise<number> {
    if (!this.store || !this.st.session) return 0;
    const s = this.st.session;
    const run = await captureRunSave(s.trainer, s.model, s.reference, {});
    const files: Record<string, unknown> = { ...encodeRunSave(run), [STUDIO_FILE]: studioFile(this.st.history, this.st.calibration, this.st.checkpoint) };
    const gen = await this.store.save(run.step, files);
    this.savedStep = run.step;
    this.ops.post({ type: 'saved', step: run.step, generation: gen });
    return gen;
  }

  /** Saves unless this step is saved already (e.g. by the every-save_freq autosave). */
  async saveIfNew(): Promise<void> {
    if (this.st.session && this.savedStep !== this.st.session.trainer.step) await this.save();
  }

  /** Drops the save (a new run was built: the old run's save is gone). */
  async forget(): Promise<void> {
    this.savedStep = -1;
    await this.store?.clear();
  }

  /**
   * Restores the saved run: a new session when the configuration or the opened checkpoint differ
   * (the saved run's own checkpoint and calibration table are used by later resets and recoveries
   * too), then the weights, optimizer, reference and trainer state. On a failed build nothing changes.
   */
  async resume(): Promise<void> {
    const { st, ops } = this;
    const loaded = await this.store!.load();
    if (!loaded) throw new Error('there is no saved run to resume');
    const bytes: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(loaded.files)) if (v instanceof Uint8Array) bytes[k] = v;
    const run = decodeRunSave(bytes, `saved run (generation ${loaded.pointer.generation})`);
    const studio = loaded.files[STUDIO_FILE] as StudioFile | undefined;
    const checkpoint = checkpointOfSave(studio, run);
    const calibration = studio?.calibration ?? null;
    const old = { checkpoint: st.checkpoint, calibration: st.calibration };
    const otherModel = !sameCheckpoint(checkpoint, st.checkpoint);
    const otherTable = !sameUpload(calibration, st.calibration);
    await ops.stopLoop();
    if (otherModel) st.checkpoint = checkpoint;
    st.calibration = calibration;
    try {
      if (!st.session || otherModel || JSON.stringify(st.config) !== JSON.stringify(run.config)) await ops.build(run.config);
      else if (otherTable) ops.post({ type: 'calibration', ...(await st.session.setCalibration(calibration)) });
    } catch (e) {
      st.checkpoint = old.checkpoint;
      st.calibration = old.calibration;
      throw e;
    }
    const s = requireSession(st);
    await restoreRunSave(run, s.trainer, s.model, s.reference);
    st.history = (studio?.history ?? []).filter((r) => r.step <= run.step);
    this.savedStep = run.step;
    ops.post({ type: 'resumed', step: run.step, history: st.history, checkpoint: st.checkpoint?.name ?? null });
    ops.status('paused', `resumed at step ${run.step} (save generation ${loaded.pointer.generation})`);
  }
}
