// The reward scorer of a studio session, swappable while the run goes on: the configured calibration
// table (reward.calibration_table, fetched) or a table the user opened, and the configured similarity
// (reward.similarity: chrF, or the model at reward.embedding_model_url) or an embedding model the
// user opened. Each build reports which table and which similarity are in use and the bad rows of
// the table's file, so the page can show them instead of dropping them. A swap builds the new scorer
// first: if that fails the old one stays in use; a step already scoring finishes with the old one.

import type { Problem } from '../../data/example';
import type { RewardConfig } from '../../lrpo/config';
import type { RolloutScorer } from '../../lrpo/trainer';
import { createRolloutScorer, type ScorerIo } from '../../lrpo/trainer-scorer';
import { DelegatingScorer } from '../../lrpo/delegating-scorer';
import { loadCalibrator } from '../../lrpo/rewards/calibrator';
import { calibrationInfo, rewardWithUpload, type CalibrationInfo, type CalibrationUpload } from './calibration-upload';
import { loadConfiguredEmbedding, rewardWithEmbedding, type CheckedEmbedding, type SimilarityInUse } from './embedding-upload';

export interface CalibrationReport {
  info: CalibrationInfo;
  problems: Problem[];
}

async function buildScorer(
  reward: RewardConfig,
  upload: CalibrationUpload | null,
  io: ScorerIo,
  embedding: CheckedEmbedding | null = null,
): Promise<{ score: RolloutScorer; report: CalibrationReport }> {
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
  const emb = embedding?.similarity;
  const { score, problems } = await createRolloutScorer(rewardWithEmbedding(r, embedding), scorerIo, emb ? { embedding: (a, b) => emb.similarity(a, b) } : {});
  const pairs = r.calibration !== 'none' && tableText !== null ? loadCalibrator(r.calibration, tableText, r.calibration_table).pairs : 0;
  return { score, report: { info: calibrationInfo(r, !!upload, pairs), problems } };
}

/** A scorer the run holds for its whole life, delegating (src/lrpo/delegating-scorer.ts) to the current table's and model's scorer. */
export class SwappableScorer {
  private readonly delegate: DelegatingScorer;
  report: CalibrationReport;
  private calibration: CalibrationUpload | null;
  /** an embedding model opened from files (owned by the runner, which disposes it) */
  private opened: CheckedEmbedding | null;
  /** the configured reward.embedding_model_url, loaded when first needed (owned here) */
  private configured: CheckedEmbedding | null;

  private constructor(
    first: { score: RolloutScorer; report: CalibrationReport },
    private readonly reward: RewardConfig,
    private readonly io: ScorerIo,
    state: { calibration: CalibrationUpload | null; opened: CheckedEmbedding | null; configured: CheckedEmbedding | null },
  ) {
    this.delegate = new DelegatingScorer(first.score);
    this.report = first.report;
    this.calibration = state.calibration;
    this.opened = state.opened;
    this.configured = state.configured;
  }

  static async create(reward: RewardConfig, upload: CalibrationUpload | null, io: ScorerIo, opened: CheckedEmbedding | null = null): Promise<SwappableScorer> {
    const configured = !opened && reward.similarity === 'embedding' ? await loadConfiguredEmbedding(reward, io) : null;
    try {
      const first = await buildScorer(reward, upload, io, opened ?? configured);
      return new SwappableScorer(first, reward, io, { calibration: upload, opened, configured });
    } catch (e) {
      await configured?.similarity.dispose();
      throw e;
    }
  }

  get score(): RolloutScorer {
    return this.delegate.score;
  }

  /** the similarity the reward uses now */
  get similarity(): SimilarityInUse {
    const e = this.opened ?? this.configured;
    return e ? { backend: 'embedding', embedding: e.info } : { backend: 'match' };
  }

  /** Resolves when the scoring calls started so far have finished (then a replaced model may be freed). */
  idle(): Promise<void> {
    return this.delegate.idle();
  }

  /** A new calibration table (null: reward.calibration_table); the old one stays in use if that fails. */
  async swap(upload: CalibrationUpload | null): Promise<CalibrationReport> {
    const next = await buildScorer(this.reward, upload, this.io, this.opened ?? this.configured);
    this.delegate.use(next.score);
    this.report = next.report;
    this.calibration = upload;
    return next.report;
  }

  /**
   * An embedding model opened from files (null: back to reward.similarity, loading the configured
   * model if it says "embedding"). The old scorer stays in use if the new one cannot be built.
   */
  async setEmbedding(opened: CheckedEmbedding | null): Promise<SimilarityInUse> {
    let configured = this.configured;
    if (!opened && !configured && this.reward.similarity === 'embedding') configured = await loadConfiguredEmbedding(this.reward, this.io);
    let next;
    try {
      next = await buildScorer(this.reward, this.calibration, this.io, opened ?? configured);
    } catch (e) {
      if (configured !== this.configured) await configured?.similarity.dispose();
      throw e;
    }
    this.delegate.use(next.score);
    this.report = next.report;
    this.opened = opened;
    this.configured = configured;
    return this.similarity;
  }

  /** Frees the configured model (an opened one belongs to the runner). */
  async dispose(): Promise<void> {
    const c = this.configured;
    this.configured = null;
    if (c) {
      await this.idle();
      await c.similarity.dispose();
    }
  }
}
