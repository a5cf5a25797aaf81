// The LRPO reward of one rollout, with every component kept for display:
//   detected = LID(response)                 (lid.ts; null = no language)
//   s        = similarity(response, reference) ∈ [−1, 1]
//   s_cal    = calibrate(s, target, referenceLang)
//   raw      = clamp((s_cal + 1) / 2, 0, 1)
//   gate     = 1 if detected == target, else 0 (hard, the reference) or soft_gate_penalty (soft)
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
  /** 1, 0 (hard gate) or the soft penalty */
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

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** r = clamp((s_cal + 1) / 2, 0, 1) */
export function rewardFromCalibrated(sCal: number): number {
  return clamp01((sCal + 1) / 2);
}

export function gateFactor(detected: string | null, target: string, cfg: Pick<RewardConfig, 'gate' | 'soft_gate_penalty'>): number {
  if (detected === target) return 1;
  return cfg.gate === 'soft' ? cfg.soft_gate_penalty : 0;
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
  const gate = gateFactor(detectedLang, r.targetLang, deps.gate);
  return { detectedLang, detectedProb, similarity, calibrated, raw, gate, reward: raw * gate, referenceLang: ref.lang };
}
