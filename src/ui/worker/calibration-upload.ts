// A calibration table the user opens in the studio: the reference's statistics CSV
// (lang_a,lang_b,count,mean,std -> mean shift) or our quantile JSON (-> quantile CDF), told apart by
// content. The table is checked before it replaces the one in use: bad rows are returned as
// problems (file, line, field, reason) and the good rows are used; a file with no usable row is
// refused and the previous table stays.

import type { Problem } from '../../data/example';
import type { CalibrationMode, RewardConfig } from '../../lrpo/config';
import { loadCalibrator } from '../../lrpo/rewards/calibrator';

export interface CalibrationUpload {
  name: string;
  text: string;
}

/** Which calibration the run's reward uses right now. */
export interface CalibrationInfo {
  /** 'file': a table opened in the studio; 'config': reward.calibration_table; 'none': no calibration */
  source: 'file' | 'config' | 'none';
  /** the file name or the configured path ('' for none) */
  name: string;
  mode: CalibrationMode;
  /** language pairs the table calibrates */
  pairs: number;
}

/** A JSON document (the quantile table) starts with '{'; anything else is read as the CSV. */
export function calibrationModeOf(text: string): Exclude<CalibrationMode, 'none'> {
  return /^\uFEFF?\s*[{[]/.test(text) ? 'quantile' : 'mean_shift';
}

export interface CheckedCalibration {
  mode: Exclude<CalibrationMode, 'none'>;
  pairs: number;
  problems: Problem[];
}

export function checkCalibrationUpload(u: CalibrationUpload): CheckedCalibration {
  const mode = calibrationModeOf(u.text);
  const { pairs, problems } = loadCalibrator(mode, u.text, u.name);
  if (pairs === 0 && !problems.length) problems.push({ file: u.name, reason: 'the table has no language pair' });
  return { mode, pairs, problems };
}

/** The reward options with an opened table in place of the configured one. */
export function rewardWithUpload(reward: RewardConfig, u: CalibrationUpload | null): RewardConfig {
  return u ? { ...reward, calibration: calibrationModeOf(u.text), calibration_table: u.name } : reward;
}

export function calibrationInfo(reward: RewardConfig, fromFile: boolean, pairs: number): CalibrationInfo {
  if (reward.calibration === 'none') return { source: 'none', name: '', mode: 'none', pairs: 0 };
  return { source: fromFile ? 'file' : 'config', name: reward.calibration_table, mode: reward.calibration, pairs };
}
