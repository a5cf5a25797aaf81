// One calibration function for the reward, whatever the RewardConfig.calibration mode:
// none (identity), mean_shift (statistics CSV) or quantile (JSON CDF table). The table's text is
// parsed here; its problems are returned for the UI/CLI to show, and the good rows are used.

import type { Problem } from '../../data/example';
import { decodeUtf8Lines, withUtf8Problems } from '../../data/utf8-lines';
import type { CalibrationMode } from '../config';
import { meanShift, parsePairStats } from './calibration';
import { parseQuantileTable, quantileCalibrate } from './calibration-quantile';

/** s_cal for a similarity s between a text in langA and one in langB (order-free). */
export type Calibrator = (s: number, langA: string, langB: string) => number;

export const identityCalibrator: Calibrator = (s) => s;

/**
 * The calibration for `mode` from the table's bytes (preferred) or text. From bytes, UTF-8 is
 * checked: in the CSV a line that is not UTF-8 is named and every record covering it is skipped
 * (the rest of the table is used); the quantile JSON is one document, so such a file is named by
 * its first bad line and not used.
 */
export function loadCalibrator(
  mode: CalibrationMode,
  table: string | Uint8Array,
  fileName: string,
): { calibrate: Calibrator; problems: Problem[]; pairs: number } {
  if (mode === 'none') return { calibrate: identityCalibrator, problems: [], pairs: 0 };
  let text: string;
  let badLines: number[] = [];
  if (typeof table === 'string') text = table;
  else {
    // lone CR ends a line, as in the CSV reader
    badLines = decodeUtf8Lines(table, { crIsBreak: true }).badLines;
    // quotes, commas and line breaks are never part of a bad sequence: with U+FFFD in place of the
    // bad bytes the records keep their structure and lines, and the CSV reader skips the bad ones
    text = new TextDecoder().decode(table);
  }
  if (mode === 'mean_shift') {
    const { table: t, problems } = parsePairStats(text, fileName, badLines);
    return { calibrate: (s, a, b) => meanShift(s, a, b, t), problems: withUtf8Problems(problems, badLines, fileName, 'line'), pairs: t.pairs.size };
  }
  if (badLines.length) {
    const problems: Problem[] = [{ file: fileName, line: badLines[0], reason: 'not valid UTF-8 text (save the file as UTF-8); the table is not used' }];
    return { calibrate: identityCalibrator, problems, pairs: 0 };
  }
  const { table: t, problems } = parseQuantileTable(text, fileName);
  return { calibrate: (s, a, b) => quantileCalibrate(s, a, b, t), problems, pairs: t.pairs.size };
}
