// The studio's own part of an autosave (studio.json beside the run save files (src/lrpo/run/save.ts)): the step history the
// charts draw, the calibration table opened in the studio, the opened checkpoint the run started
// from (its model config and tokenizer table; its weights are the run's frozen reference policy),
// and the embedding model opened in the studio (its tokenizer.json and the names, size and hash of
// the model, whose bytes are a blob of the save store, written once). With these a reload or a
// device loss resumes the same run even when it did not start from the configured files.

import type { GPTConfig } from '../../engine/model-api';
import type { SpecialTokenTable } from '../../engine/tokenizer/special-tokens';
import type { RunSave } from '../../lrpo/run/save';
import type { SftProgress } from '../../lrpo/sft-loop';
import type { CalibrationUpload } from './calibration-upload';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { OpenedEmbedding } from './embedding-upload';
import type { StepReport } from './protocol';

export const STUDIO_FILE = 'studio.json';

/** The embedding model opened in the studio, as saved. */
export interface SavedEmbedding {
  model: string;
  modelBytes: number;
  sha256: string;
  tokenizer: string;
  tokenizerText: string;
  /** the save store's blob holding the model bytes; null when browser storage refused them */
  blob: string | null;
}

export interface StudioFile {
  history: StepReport[];
  /** the warm-start SFT's progress (the loss chart) */
  sft?: SftProgress[];
  calibration?: CalibrationUpload | null;
  startedFrom?: { name: string; config: GPTConfig; specialTokens: SpecialTokenTable | null } | null;
  embedding?: SavedEmbedding | null;
}

export const embeddingBlobName = (e: OpenedEmbedding) => `embedding-${e.sha256}`;

export function savedEmbedding(e: OpenedEmbedding, blob: string | null): SavedEmbedding {
  const { model, tokenizer } = e.upload;
  return { model: model.name, modelBytes: model.bytes.length, sha256: e.sha256, tokenizer: tokenizer.name, tokenizerText: tokenizer.text, blob };
}

export function studioFile(
  history: StepReport[], calibration: CalibrationUpload | null, checkpoint: OpenedCheckpoint | null, embedding: SavedEmbedding | null = null, sft: SftProgress[] = [],
): StudioFile {
  return {
    history,
    sft,
    calibration,
    startedFrom: checkpoint ? { name: checkpoint.name, config: checkpoint.ckpt.config, specialTokens: checkpoint.ckpt.specialTokens } : null,
    embedding,
  };
}

/** Whether the opened model `e` is the saved one (the same model bytes and tokenizer.json, whatever the file names). */
export function isSavedEmbedding(e: OpenedEmbedding | null, saved: SavedEmbedding | null): boolean {
  if (!e || !saved) return e === saved;
  return e.sha256 === saved.sha256 && e.upload.tokenizer.text === saved.tokenizerText;
}

/** Why a saved run cannot resume with its embedding model, for the user (what to do about it). */
export function missingEmbeddingMessage(saved: SavedEmbedding): string {
  const why = saved.blob ? 'is no longer in browser storage' : 'could not be kept in browser storage (storage full?)';
  return `the saved run's reward used the embedding model ${saved.model} with ${saved.tokenizer}, which ${why}: `
    + 'open both files with "Open embedding model…" in the Reward settings, then resume again';
}

/**
 * The opened checkpoint a saved run started from, rebuilt from the save: the config and tokenizer
 * from studio.json, the weights from the frozen reference policy (the start weights), or the saved
 * policy when the run keeps no reference (the sizes are what the rebuild needs; the save's weights
 * are restored over them).
 */
export function checkpointOfSave(studio: StudioFile | undefined, run: RunSave): OpenedCheckpoint | null {
  const from = studio?.startedFrom;
  if (!from) return null;
  return { name: from.name, ckpt: { config: from.config, params: run.reference ?? run.policy, specialTokens: from.specialTokens } };
}

export function sameCheckpoint(a: OpenedCheckpoint | null, b: OpenedCheckpoint | null): boolean {
  if (!a || !b) return a === b;
  return a.name === b.name && JSON.stringify(a.ckpt.config) === JSON.stringify(b.ckpt.config)
    && JSON.stringify(a.ckpt.specialTokens) === JSON.stringify(b.ckpt.specialTokens);
}

export function sameUpload(a: CalibrationUpload | null | undefined, b: CalibrationUpload | null | undefined): boolean {
  return (a?.name ?? null) === (b?.name ?? null) && (a?.text ?? null) === (b?.text ?? null);
}
