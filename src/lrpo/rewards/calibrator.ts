// One calibration function for the reward, whatever the RewardConfig.calibration mode:
// none (identity), mean_shift (statistics CSV) or quantile (JSON CDF table). The table's text is
// parsed here; its problems are returned for the UI/CLI to show, and the good rows are used.

import type { Problem } from '../../data/example';
import type { CalibrationMode } from '../config';
import { meanShift, parsePairStats } from './calibration';
import { parseQuantileTable, quantileCalibrate } from './calibration-quantile';

/** s_cal for a similarity s between a text in langA and one in langB (order-free). */
export type Calibrator = (s: number, langA: string, langB: string) => number;

export const identityCalibrator: Calibrator = (s) => s;

export function loadCalibrator(
  mode: CalibrationMode,
  tableText: string,
  fileName: string,
): { calibrate: Calibrator; problems: Problem[]; pairs: number } {
  if (mode === 'none') return { calibrate: identityCalibrator, problems: [], pairs: 0 };
  if (mode === 'mean_shift') {
    const { table, problems } = parsePairStats(tableText, fileName);
    return { calibrate: (s, a, b) => meanShift(s, a, b, table), problems, pairs: table.pairs.size };
  }
  const { table, problems } = parseQuantileTable(tableText, fileName);
  return { calibrate: (s, a, b) => quantileCalibrate(s, a, b, table), problems, pairs: table.pairs.size };
}
