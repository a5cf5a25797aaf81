// What the user opened for the run instead of the configured files: a checkpoint and a calibration
// table. The worker checks each file before it is used, so this store only follows its answers: the
// name shown as "started from" changes only when the worker confirms, and a refused file leaves the
// previous one (and the run) as they were, with the reason kept for display.

import { create } from 'zustand';
import type { Problem } from '../../data/example';
import type { CalibrationInfo } from '../worker/calibration-upload';

export interface RunInputsState {
  /** the opened checkpoint the current run started from (null: the configured model.checkpoint) */
  checkpoint: string | null;
  /** a checkpoint the worker is checking right now */
  checkpointOpening: string | null;
  /** the last refused checkpoint and why (the reason names the file) */
  checkpointError: { name: string; reason: string } | null;
  /** the calibration the reward uses now, as the worker reports it */
  calibration: CalibrationInfo | null;
  /** rows of that table that were skipped */
  calibrationProblems: Problem[];
  calibrationOpening: string | null;
  /** the last refused table (no usable row): the table in use did not change */
  calibrationRefused: { name: string; problems: Problem[] } | null;
  beginCheckpoint(name: string): void;
  checkpointOpened(name: string): void;
  checkpointFailed(name: string, reason: string): void;
  checkpointCleared(): void;
  /** after a resume: the saved run's own opened checkpoint (or none) */
  resumedFrom(name: string | null): void;
  beginCalibration(name: string): void;
  calibrationInUse(info: CalibrationInfo, problems: Problem[]): void;
  calibrationFailed(name: string, problems: Problem[]): void;
  dismissCheckpointError(): void;
  dismissCalibrationProblems(): void;
}

/** A refusal as shown to the user: the file, the reason, and that nothing was changed. */
export function checkpointFailureText(name: string, reason: string): string {
  const why = reason.includes(name) || reason.startsWith('./') ? reason : `${name}: ${reason}`;
  return `Could not open the checkpoint. ${why}\nThe current run, its weights and its charts are unchanged.`;
}

export function calibrationLabel(c: CalibrationInfo | null): string {
  if (!c) return '–';
  if (c.source === 'none') return 'none (reward.calibration is "none")';
  const mode = c.mode === 'mean_shift' ? 'mean shift' : 'quantile CDF';
  const from = c.source === 'file' ? 'opened file' : 'reward.calibration_table';
  return `${c.name} (${mode}, ${c.pairs} language pair${c.pairs === 1 ? '' : 's'}, ${from})`;
}

export const useRunInputsStore = create<RunInputsState>((set) => ({
  checkpoint: null,
  checkpointOpening: null,
  checkpointError: null,
  calibration: null,
  calibrationProblems: [],
  calibrationOpening: null,
  calibrationRefused: null,
  beginCheckpoint(name) {
    set({ checkpointOpening: name, checkpointError: null });
  },
  checkpointOpened(name) {
    set({ checkpoint: name, checkpointOpening: null, checkpointError: null });
  },
  checkpointFailed(name, reason) {
    set({ checkpointOpening: null, checkpointError: { name, reason } });
  },
  checkpointCleared() {
    set({ checkpoint: null });
  },
  resumedFrom(checkpoint) {
    set({ checkpoint });
  },
  beginCalibration(name) {
    set({ calibrationOpening: name, calibrationRefused: null });
  },
  calibrationInUse(calibration, calibrationProblems) {
    set({ calibration, calibrationProblems, calibrationOpening: null });
  },
  calibrationFailed(name, problems) {
    set({ calibrationOpening: null, calibrationRefused: { name, problems } });
  },
  dismissCheckpointError() {
    set({ checkpointError: null });
  },
  dismissCalibrationProblems() {
    set({ calibrationRefused: null, calibrationProblems: [] });
  },
}));
