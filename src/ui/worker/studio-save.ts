// The studio's own part of an autosave (studio.json beside the run-state files): the step history the
// charts draw, the calibration table opened in the studio, and the opened checkpoint the run started
// from (its model config and tokenizer table; its weights are the run's frozen reference policy).
// With these a reload or a device loss resumes the same run even when it did not start from the
// configured files.

import type { GPTConfig } from '../../engine/model-api';
import type { SpecialTokenTable } from '../../engine/tokenizer/special-tokens';
import type { RunSave } from '../../lrpo/run-state';
import type { CalibrationUpload } from './calibration-upload';
import type { OpenedCheckpoint } from './checkpoint-upload';
import type { StepReport } from './protocol';

export const STUDIO_FILE = 'studio.json';

export interface StudioFile {
  history: StepReport[];
  calibration?: CalibrationUpload | null;
  startedFrom?: { name: string; config: GPTConfig; specialTokens: SpecialTokenTable | null } | null;
}

export function studioFile(history: StepReport[], calibration: CalibrationUpload | null, checkpoint: OpenedCheckpoint | null): StudioFile {
  return {
    history,
    calibration,
    startedFrom: checkpoint ? { name: checkpoint.name, config: checkpoint.ckpt.config, specialTokens: checkpoint.ckpt.specialTokens } : null,
  };
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
