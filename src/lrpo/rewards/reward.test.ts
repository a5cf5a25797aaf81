import { beforeAll, describe, expect, it } from 'vitest';
import { chrF, chrFSimilarity } from './chrf';
import { identityCalibrator, loadCalibrator } from './calibrator';
import { createLanguageDetector, type LanguageDetector } from './lid';
import { LID_SENTENCES } from './lid-sentences';
import { chooseReference, gateFactor, rewardFromCalibrated, scoreRollout, type RewardDeps, type RolloutToScore } from './reward';

const HARD = { gate: 'hard' as const, soft_gate_penalty: 0.5 };
const SOFT = { gate: 'soft' as const, soft_gate_penalty: 0.25 };
const PENALTY = { gate: 'penalty' as const, soft_gate_penalty: 0.25 };

describe('reward formulas', () => {
  it('r = clamp((s_cal + 1) / 2, 0, 1)', () => {
    expect(rewardFromCalibrated(1)).toBe(1);
    expect(rewardFromCalibrated(-1)).toBe(0);
    expect(rewardFromCalibrated(0.5)).toBe(0.75);
    expect(rewardFromCalibrated(1.4)).toBe(1);
    expect(rewardFromCalibrated(-3)).toBe(0);
  });

  it('the gate: hard 0/1; soft (the reference\'s) = LID confidence in the target; penalty (ours) 1 or the penalty', () => {
    expect(gateFactor('de', 'de', HARD, 0.7)).toBe(1);
    expect(gateFactor('en', 'de', HARD, 0.7)).toBe(0);
    expect(gateFactor(null, 'de', HARD)).toBe(0);
    expect(gateFactor('de', 'de', SOFT, 0.7)).toBe(0.7);
    expect(gateFactor('en', 'de', SOFT, 0.9)).toBe(0);
    expect(gateFactor(null, 'de', SOFT, 0)).toBe(0);
    expect(gateFactor('de', 'de', PENALTY, 0.7)).toBe(1);
    expect(gateFactor('en', 'de', PENALTY, 0.7)).toBe(0.25);
    expect(gateFactor(null, 'de', PENALTY)).toBe(0.25);
  });

  it('chooses the target-language reference only when asked and present', () => {
    const r: RolloutToScore = { response: '', targetLang: 'de', references: { en: 'Paris', de: 'Paris (de)' }, originalLang: 'en', originalAnswer: 'Paris' };
    expect(chooseReference(r, true)).toEqual({ lang: 'de', text: 'Paris (de)' });
    expect(chooseReference(r, false)).toEqual({ lang: 'en', text: 'Paris' });
    expect(chooseReference({ ...r, targetLang: 'fr' }, true)).toEqual({ lang: 'en', text: 'Paris' });
    expect(chooseReference({ ...r, references: { en: 'Paris', de: '  ' } }, true)).toEqual({ lang: 'en', text: 'Paris' });
  });
});

describe('scoreRollout with lid.176 and chrF', () => {
  let detector: LanguageDetector;
  beforeAll(async () => {
    detector = await createLanguageDetector();
  });
  const deps = (over: Partial<RewardDeps> = {}): RewardDeps => ({
    detector,
    similarity: chrFSimilarity,
    calibrate: identityCalibrator,
    gate: HARD,
    preferTargetReference: true,
    ...over,
  });
  const refDe = 'Am Wochenende fahren wir mit dem Zug zu unseren Großeltern, die in einem Dorf wohnen.';
  const rollout: RolloutToScore = {
    response: LID_SENTENCES.de,
    targetLang: 'de',
    references: { en: LID_SENTENCES.en, de: refDe },
    originalLang: 'en',
    originalAnswer: LID_SENTENCES.en,
  };

  it('keeps every component and equals chrF when uncalibrated and the language matches', async () => {
    const b = await scoreRollout(rollout, deps());
    const c = chrF(LID_SENTENCES.de, refDe);
    expect(b.detectedLang).toBe('de');
    expect(b.detectedProb).toBeGreaterThan(0.5);
    expect(b.referenceLang).toBe('de');
    expect(b.similarity).toBeCloseTo(2 * c - 1, 14);
    expect(b.calibrated).toBe(b.similarity);
    expect(b.raw).toBeCloseTo(c, 14);
    expect(b.gate).toBe(1);
    expect(b.reward).toBeCloseTo(c, 14);
    expect(c).toBeGreaterThan(0.5);
  });

  it('soft gate weighs a right-language response by the LID confidence', async () => {
    const b = await scoreRollout(rollout, deps({ gate: SOFT }));
    expect(b.detectedLang).toBe('de');
    expect(b.gate).toBe(b.detectedProb);
    expect(b.gate).toBeLessThan(1);
    expect(b.reward).toBeCloseTo(b.raw * b.detectedProb, 15);
  });

  it('gates a response in the wrong language (hard: 0, soft: 0, penalty: penalty × raw)', async () => {
    const wrong = { ...rollout, response: LID_SENTENCES.nl };
    const hard = await scoreRollout(wrong, deps());
    expect(hard.detectedLang).toBe('nl');
    expect(hard.gate).toBe(0);
    expect(hard.reward).toBe(0);
    expect(hard.raw).toBeGreaterThan(0);
    expect((await scoreRollout(wrong, deps({ gate: SOFT }))).reward).toBe(0);
    const pen = await scoreRollout(wrong, deps({ gate: PENALTY }));
    expect(pen.gate).toBe(0.25);
    expect(pen.reward).toBeCloseTo(0.25 * pen.raw, 15);
  });

  it('applies mean-shift calibration on the (target, reference) pair', async () => {
    // mu_ref = (1·0.1 + 3·0.5) / 4 = 0.4; de-en shift = 0.1 − 0.4 = −0.3 -> s_cal = s + 0.3
    const { calibrate, problems } = loadCalibrator('mean_shift', 'lang_a,lang_b,count,mean,std\nen,de,1,0.1,0.1\nfr,en,3,0.5,0.1\n', 'stats.csv');
    expect(problems).toEqual([]);
    const b = await scoreRollout({ ...rollout, references: { en: LID_SENTENCES.en } }, deps({ calibrate }));
    expect(b.referenceLang).toBe('en');
    expect(b.calibrated).toBeCloseTo(Math.min(1, b.similarity + 0.3), 14);
    expect(b.raw).toBeCloseTo((b.calibrated + 1) / 2, 14);
  });

  it('awaits asynchronous similarity backends and passes a non-number on as a non-finite reward', async () => {
    const b = await scoreRollout(rollout, deps({ similarity: async () => 0.2, preferTargetReference: false }));
    expect(b.referenceLang).toBe('en');
    expect(b.raw).toBeCloseTo(0.6, 15);
    const r = await scoreRollout(rollout, deps({ similarity: () => NaN }));
    expect(r.similarity).toBeNaN();
    expect(r.reward).toBeNaN();
  });
});
