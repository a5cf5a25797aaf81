// The reward scorer of a studio session, swappable while the run goes on: the configured calibration
// table (reward.calibration_table, fetched) or a table the user opened. Each build reports which
// table is in use and the bad rows of its file, so the page can show them instead of dropping them.

import type { Problem } from '../../data/example';
import type { RewardConfig } from '../../lrpo/config';
import type { RolloutScorer } from '../../lrpo/trainer';
import { createRolloutScorer, type ScorerIo } from '../../lrpo/trainer-scorer';
import { loadCalibrator } from '../../lrpo/rewards/calibrator';
import { calibrationInfo, rewardWithUpload, type CalibrationInfo, type CalibrationUpload } from './calibration-upload';

export interface CalibrationReport {
  info: CalibrationInfo;
  problems: Problem[];
}

export async function buildScorer(reward: RewardConfig, upload: CalibrationUpload | null, io: ScorerIo): Promise<{ score: RolloutScorer; report: CalibrationReport }> {
  const r = rewardWithUpload(reward, upload);
  let tableText: string | null = null;
  const scorerIo: ScorerIo = {
    readBytes: io.readBytes,
    async readText(p) {
      const text = upload && p === upload.name ? upload.text : await io.readText(p);
      if (p === r.calibration_table) tableText = text;
      return text;
    },
  };
  const { score, problems } = await createRolloutScorer(r, scorerIo);
  const pairs = r.calibration !== 'none' && tableText !== null ? loadCalibrator(r.calibration, tableText, r.calibration_table).pairs : 0;
  return { score, report: { info: calibrationInfo(r, !!upload, pairs), problems } };
}

/** A scorer the Trainer holds for its whole life, delegating to the current table's scorer. */
export class SwappableScorer {
  private current: RolloutScorer;
  report: CalibrationReport;

  private constructor(first: { score: RolloutScorer; report: CalibrationReport }, private readonly reward: RewardConfig, private readonly io: ScorerIo) {
    this.current = first.score;
    this.report = first.report;
  }

  static async create(reward: RewardConfig, upload: CalibrationUpload | null, io: ScorerIo): Promise<SwappableScorer> {
    return new SwappableScorer(await buildScorer(reward, upload, io), reward, io);
  }

  readonly score: RolloutScorer = (items) => this.current(items);

  /** Builds the new scorer first; the old one stays in use if that fails. */
  async swap(upload: CalibrationUpload | null): Promise<CalibrationReport> {
    const next = await buildScorer(this.reward, upload, this.io);
    this.current = next.score;
    this.report = next.report;
    return next.report;
  }
}
