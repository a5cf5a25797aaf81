// A calibration table the user opens (or clears) while a run is loaded: refused without a usable
// row, else the reward uses it from the next step. A table that cannot be used leaves the one in use
// and never disturbs a running loop.

import { checkCalibrationUpload, type CalibrationUpload } from './calibration-upload';
import { requireSession, type RunnerOps, type RunnerState } from './runner-context';

export async function openCalibration(st: RunnerState, ops: RunnerOps, upload: CalibrationUpload): Promise<void> {
  const checked = checkCalibrationUpload(upload);
  if (checked.pairs === 0) return ops.post({ type: 'calibrationFailed', name: upload.name, problems: checked.problems });
  await useCalibration(st, ops, upload);
}

/** Swaps the reward's table (null: back to reward.calibration_table of the run's configuration). */
export async function useCalibration(st: RunnerState, ops: RunnerOps, upload: CalibrationUpload | null): Promise<void> {
  const s = requireSession(st);
  try {
    const report = await s.setCalibration(upload);
    st.usesCalibration(upload);
    ops.post({ type: 'calibration', ...report });
  } catch (e) {
    const reason = (e as Error).message;
    if (upload) ops.post({ type: 'calibrationFailed', name: upload.name, problems: [{ file: upload.name, reason }] });
    else ops.post({ type: 'error', message: `the configured calibration table could not be used: ${reason}` });
  }
}
