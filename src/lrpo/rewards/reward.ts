// The LRPO reward of one rollout, with every component kept for display:
//   detected = LID(response)                 (lid.ts; null = no language)
//   s        = similarity(response, reference) ∈ [−1, 1]
//   s_cal    = calibrate(s, target, referenceLang)
//   raw      = clamp((s_cal + 1) / 2, 0, 1)
//   gate     = hard (the reference's default): 1 if detected == target, else 0
//              soft (the reference's variant): LID's confidence in the target (its top-1
//                probability when that label is the target), else 0
//              penalty (ours): 1 if detected == target, else soft_gate_penalty
//   reward   = raw · gate
// Which reference: with `preferTargetReference` (the `match` backend, whose chrF only compares text
// in one language) the row's reference in the target language when it has one, else the original
// answer; without it (the `embedding` backend, as in the reference) always the original answer.
// The calibration pair is (target language, reference language).

import type { RewardConfig } from '../config';
import type { LanguageDetector } from './lid';
import type { Calibrator } from './calibrator';

export interface RolloutToScore {
  response: string;
  targetLang: string;
  /** the example's references by language code (Example.references) */
  references: Record<string, string>;
  originalLang: string;
  originalAnswer: string;
}

export interface RewardBreakdown {
  detectedLang: string | null;
  detectedProb: number;
  /** raw similarity s ∈ [−1, 1] */
  similarity: number;
  /** s_cal after calibration */
  calibrated: number;
  /** r before the gate: clamp((s_cal + 1) / 2, 0, 1) */
  raw: number;
  /** hard: 1 or 0; soft: the LID confidence or 0; penalty: 1 or soft_gate_penalty */
  gate: number;
  reward: number;
  /** language of the reference the response was compared with */
  referenceLang: string;
}

export type SimilarityFn = (response: string, reference: string) => number | Promise<number>;

export interface RewardDeps {
  detector: LanguageDetector;
  similarity: SimilarityFn;
  calibrate: Calibrator;
  gate: Pick<RewardConfig, 'gate' | 'soft_gate_penalty'>;
  preferTargetReference: boolean;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** r = clamp((s_cal + 1) / 2, 0, 1) */
export function rewardFromCalibrated(sCal: number): number {
  return clamp01((sCal + 1) / 2);
}

export function gateFactor(detected: string | null, target: string, cfg: Pick<RewardConfig, 'gate' | 'soft_gate_penalty'>, detectedProb = 1): number {
  if (cfg.gate === 'soft') return detected === target ? clamp01(detectedProb) : 0;
  if (detected === target) return 1;
  return cfg.gate === 'penalty' ? cfg.soft_gate_penalty : 0;
}

export function chooseReference(r: RolloutToScore, preferTarget: boolean): { lang: string; text: string } {
  const t = r.references[r.targetLang];
  if (preferTarget && t !== undefined && t.trim() !== '') return { lang: r.targetLang, text: t };
  return { lang: r.originalLang, text: r.originalAnswer };
}

export async function scoreRollout(r: RolloutToScore, deps: RewardDeps): Promise<RewardBreakdown> {
  const { lang: detectedLang, prob: detectedProb } = deps.detector.detect(r.response);
  const ref = chooseReference(r, deps.preferTargetReference);
  const similarity = await deps.similarity(r.response, ref.text);
  // a non-finite similarity gives a non-finite reward: the trainer counts it as a numeric fault and
  // skips that step's update instead of training on it
  const calibrated = deps.calibrate(similarity, r.targetLang, ref.lang);
  const raw = rewardFromCalibrated(calibrated);
  const gate = gateFactor(detectedLang, r.targetLang, deps.gate, detectedProb);
  return { detectedLang, detectedProb, similarity, calibrated, raw, gate, reward: raw * gate, referenceLang: ref.lang };
}
