// The Trainer's reward function built from a RewardConfig with the rewards module: fastText LID,
// the `match` (chrF) or `embedding` (the user's ONNX model) similarity, the calibration table, the
// hard or soft language gate. Files are read through `io` so the CLI (fs) and the worker (fetch)
// both use it.

import type { Problem } from '../data/example';
import type { RewardConfig } from './config';
import { chrFSimilarity } from './rewards/chrf';
import { identityCalibrator, loadCalibrator, type Calibrator } from './rewards/calibrator';
import { createEmbeddingSimilarity } from './rewards/embedding';
import { createLanguageDetector } from './rewards/lid';
import { scoreRollout, type RewardDeps, type SimilarityFn } from './rewards/reward';
import type { RolloutScorer } from './trainer';

export interface ScorerIo {
  readText(pathOrUrl: string): Promise<string>;
  readBytes(pathOrUrl: string): Promise<Uint8Array>;
}

export interface ScorerParts {
  /**
   * The `embedding` similarity, already built and checked by the caller (the studio opens the model
   * once and reuses it across calibration swaps); without it the scorer loads
   * reward.embedding_model_url and reward.embedding_tokenizer_url through `io`.
   */
  embedding?: SimilarityFn;
}

export async function createRolloutScorer(cfg: RewardConfig, io: ScorerIo, parts: ScorerParts = {}): Promise<{ score: RolloutScorer; problems: Problem[] }> {
  const problems: Problem[] = [];
  let calibrate: Calibrator = identityCalibrator;
  if (cfg.calibration !== 'none') {
    const loaded = loadCalibrator(cfg.calibration, await io.readText(cfg.calibration_table), cfg.calibration_table);
    calibrate = loaded.calibrate;
    problems.push(...loaded.problems);
  }
  let similarity: SimilarityFn = chrFSimilarity;
  if (cfg.similarity === 'embedding' && parts.embedding) {
    similarity = parts.embedding;
  } else if (cfg.similarity === 'embedding') {
    const emb = await createEmbeddingSimilarity({
      modelUrlOrBytes: await io.readBytes(cfg.embedding_model_url),
      tokenizerJson: await io.readText(cfg.embedding_tokenizer_url),
    });
    similarity = (a, b) => emb.similarity(a, b);
  }
  const deps: RewardDeps = {
    detector: await createLanguageDetector(),
    similarity,
    calibrate,
    gate: { gate: cfg.gate, soft_gate_penalty: cfg.soft_gate_penalty },
    preferTargetReference: cfg.similarity === 'match',
  };
  const score: RolloutScorer = async (items) => {
    const out = [];
    for (const it of items) {
      out.push(await scoreRollout({
        response: it.response, targetLang: it.targetLang, references: it.example.references,
        originalLang: it.example.language, originalAnswer: it.example.answer,
      }, deps));
    }
    return out;
  };
  return { score, problems };
}
