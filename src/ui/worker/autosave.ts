// Autosave and resume for the training runner: the run (weights, AdamW state, reference policy,
// trainer and router state with its RNG, step) plus the studio's part (step history, the opened
// checkpoint, calibration table and embedding model) is written to browser storage atomically
// (save-store.ts), and a saved run is read back and restored into a session of the same
// configuration, checkpoint, table and embedding model. The embedding model's bytes are written
// once (a blob named by their hash), not at every save; if storage refuses them the run is saved
// without them and a resume asks the user to open the model again.

import { decodeRunSave, encodeRunSave } from '../../lrpo/run/save';
import type { Run } from '../../lrpo/run/run';
import type { SaveStore } from './save-store';
import {
  STUDIO_FILE, checkpointOfSave, embeddingBlobName, isSavedEmbedding, missingEmbeddingMessage, sameCheckpoint, sameUpload,
  savedEmbedding, studioFile, type SavedEmbedding, type StudioFile,
} from './studio-save';
import { openEmbeddingUpload, type OpenedEmbedding } from './embedding-upload';
import { requireSession, type RunnerOps, type RunnerState } from './runner-context';

/** Where a run is: its SFT and LRPO steps. */
const progressKey = (r: Run) => `${r.sftStep}:${r.step}`;

export class Autosave {
  /** where the run was at the last save (null: none since the run was built), so a point is never saved twice */
  private savedAt: string | null = null;
  /** the embedding blob storage refused (told once) */
  private refusedBlob: string | null = null;

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
    const run = await s.run.capture({});
    const embedding = await this.storeEmbedding();
    const files: Record<string, unknown> = {
      ...encodeRunSave(run),
      [STUDIO_FILE]: studioFile([...this.st.history], this.st.calibration, this.st.checkpoint, embedding, [...this.st.sftHistory]),
    };
    const gen = await this.store.save(run.step, files, Date.now(), embedding?.blob ? [embedding.blob] : []);
    this.savedAt = progressKey(s.run);
    this.ops.post({ type: 'saved', step: run.step, generation: gen });
    return gen;
  }

  /** Writes the opened embedding model's bytes once; null blob when storage refuses them. */
  private async storeEmbedding(): Promise<SavedEmbedding | null> {
    const e = this.st.embedding;
    if (!e || !this.store) return null;
    const name = embeddingBlobName(e);
    try {
      await this.store.putBlob(name, e.upload.model.bytes);
      return savedEmbedding(e, name);
    } catch (err) {
      if (this.refusedBlob !== name) {
        this.refusedBlob = name;
        this.ops.post({
          type: 'error',
          message: `the embedding model ${e.upload.model.name} (${e.upload.model.bytes.length} bytes) could not be kept in browser storage `
            + `(${(err as Error).message}): the run is saved without it, and after a reload it must be opened again to resume`,
        });
      }
      return savedEmbedding(e, null);
    }
  }

  /** The saved run's embedding model: the one in use when it is the same, else rebuilt from the store. */
  private async embeddingOfSave(saved: SavedEmbedding | null): Promise<OpenedEmbedding | null> {
    if (!saved || isSavedEmbedding(this.st.embedding, saved)) return saved ? this.st.embedding : null;
    const bytes = saved.blob ? await this.store!.getBlob(saved.blob) : null;
    if (!bytes) throw new Error(missingEmbeddingMessage(saved));
    try {
      return await openEmbeddingUpload({ model: { name: saved.model, bytes }, tokenizer: { name: saved.tokenizer, text: saved.tokenizerText } });
    } catch (e) {
      throw new Error(`the saved run's embedding model cannot be used: ${(e as Error).message}`);
    }
  }

  /** Saves unless this step is saved already (e.g. by the every-save_freq autosave). */
  async saveIfNew(): Promise<void> {
    if (this.st.session && this.savedAt !== progressKey(this.st.session.run)) await this.save();
  }

  /** Drops the save (a new run was built: the old run's save is gone). */
  async forget(): Promise<void> {
    this.savedAt = null;
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
    const embedding = await this.embeddingOfSave(studio?.embedding ?? null);
    const old = st.inputs;
    const otherModel = !sameCheckpoint(checkpoint, st.checkpoint);
    const otherTable = !sameUpload(calibration, st.calibration);
    const otherEmbedding = embedding !== st.embedding;
    await ops.stopLoop();
    st.useInputs({ checkpoint: otherModel ? checkpoint : st.checkpoint, calibration, embedding });
    try {
      if (!st.session || otherModel || JSON.stringify(st.config) !== JSON.stringify(run.config)) await ops.build(run.config);
      else {
        if (otherTable) ops.post({ type: 'calibration', ...(await st.session.setCalibration(calibration)) });
        if (otherEmbedding) ops.post({ type: 'similarity', inUse: await st.session.setEmbedding(embedding) });
      }
    } catch (e) {
      st.useInputs(old);
      if (otherEmbedding) await embedding?.similarity.dispose();
      throw e;
    }
    // the loop is stopped: nothing scores with the replaced model any more
    if (otherEmbedding) await old.embedding?.similarity.dispose();
    const s = requireSession(st);
    await s.run.restore(run);
    st.restoredHistory((studio?.history ?? []).filter((r) => r.step <= run.step), (studio?.sft ?? []).filter((p) => p.step <= s.run.sftStep));
    this.savedAt = progressKey(s.run);
    ops.post({ type: 'resumed', step: run.step, history: [...st.history], sft: [...st.sftHistory], checkpoint: st.checkpoint?.name ?? null });
    ops.status('paused', `resumed at step ${run.step} (save generation ${loaded.pointer.generation})`);
  }
}
