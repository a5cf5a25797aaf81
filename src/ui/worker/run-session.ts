// What the training runner works with: a built run (RunSession: the run module's Run, the policy, device, reward
// calibration, checkpoint export), the files the user opened (SessionInputs), and the factory that
// builds a session from a configuration (session-factory.ts in the worker, fakes in the tests).

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import type { Model as EngineModel, ModelConfigBase } from '../../engine/model-api';
/** any family's model: the GPT-2 demo or a Llama-family model opened in the studio */
type Model = EngineModel<ModelConfigBase>;
import type { Run } from '../../lrpo/run/run';
import type { PredictionTokenizer } from '../../eval/generate-predictions';
import type { DeviceInfo, FolderExportKind } from './protocol';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { CalibrationUpload } from './calibration-upload';
import type { CalibrationReport } from './session-scorer';
import type { CheckedEmbedding, SimilarityInUse } from './embedding-upload';

export interface RunSession {
  /** the run (src/lrpo/run): SFT, LRPO steps, validation, its state and saves */
  run: Run;
  /** settings the browser honours differently than the CLI, told to the user (browser-limits.ts) */
  notes?: readonly string[];
  model: Model;
  device: DeviceInfo;
  /** resolves with a message when the GPU device is lost; never resolves for the CPU backend */
  lost: Promise<string>;
  /** destroys the device (the device-loss drill); no-op on the CPU */
  loseDevice(): void;
  /** the examples this run trains on */
  examples: readonly Example[];
  /** the policy's tokenizer (the Evaluate view's generation prompts with it) */
  tokenizer: PredictionTokenizer;
  /** the calibration table the reward uses now, and the bad rows of its file */
  readonly calibration: CalibrationReport;
  /** swaps the reward's calibration table (null: reward.calibration_table); the old one stays on failure */
  setCalibration(upload: CalibrationUpload | null): Promise<CalibrationReport>;
  /** the reward's similarity backend now (chrF, or an embedding model and what it is) */
  readonly similarity: SimilarityInUse;
  /**
   * Puts an embedding model opened from files in use from the next scoring (null: back to
   * reward.similarity); the old backend stays if the new scorer cannot be built. The session does
   * not own the opened model: the runner frees it once it is replaced and `scoringIdle` resolved.
   */
  setEmbedding(opened: CheckedEmbedding | null): Promise<SimilarityInUse>;
  /** resolves when the scoring calls started so far have finished */
  scoringIdle(): Promise<void>;
  /** the checkpoint export (the engine's single-file format) */
  exportCheckpoint(): Promise<{ filename: string; bytes: Uint8Array }>;
  /** a run on an opened Hugging Face model: the files of a folder export (src/lrpo/family/exports.ts) */
  exportFolder?(kind: FolderExportKind): Promise<Map<string, Uint8Array>>;
  /** frees the policy, the reference and (on WebGPU) their device */
  dispose(): void;
}

/** What the user opened in the studio, used instead of the configured files. */
export interface SessionInputs {
  checkpoint: OpenedCheckpoint | null;
  calibration: CalibrationUpload | null;
  /** an embedding model opened from files (checked; its session is reused, not copied) */
  embedding: CheckedEmbedding | null;
}

export type SessionFactory = (config: RunConfig, examples: readonly Example[], inputs: SessionInputs) => Promise<RunSession>;
