import { describe, expect, it } from 'vitest';
import type { RolloutRecord } from '../trainer';
import { PANEL_IDS, groupStats, routerRowsOf, tokenRatios, walkPanels, type WalkOptions, type WalkStep } from './step-walk';

function rec(group: number, targetLang: string, reward: number, advantage: number, extra: Partial<RolloutRecord> = {}): RolloutRecord {
  return {
    step: 5, group, row: group, question: `q${group}`, topic: 'Regional Knowledge', regions: ['Japan'], origLang: 'en', targetLang,
    source: targetLang === 'en' ? 'quota' : 'router', response: `answer ${targetLang}`, detectedLang: targetLang, detectedProb: 0.9,
    referenceLang: targetLang, similarity: 0.5, calibrated: 0.6, raw: 0.8, gate: 1, reward, advantage, responseLength: 2, truncated: false,
    routerProbs: [0.5, 0.3, 0.2], tokens: ['a', 'b'], logprobs: [-1, -2], entropies: [0.5, 0.7], newLogprobs: [-0.5, -2.5], ...extra,
  };
}

const opts: WalkOptions = { normByStd: true, clipLow: 0.2, clipHigh: 0.2, alpha: 0.1, updateEvery: 5, groupNorm: 'zscore', regionalTopics: ['Regional Knowledge'] };

// rewards 1, 0, 0.5, 0.5 -> mean 0.5, unbiased std sqrt((0.25 + 0.25) / 3) = 0.408248...
const rewards = [1, 0, 0.5, 0.5];
const std = Math.sqrt(0.5 / 3);
const step: WalkStep = {
  step: 5, languages: ['en', 'ja', 'fr'],
  rollouts: [
    ...rewards.map((r, i) => rec(0, ['en', 'en', 'ja', 'fr'][i], r, (r - 0.5) / (std + 1e-6))),
    rec(1, 'en', 0.3, 0), rec(1, 'en', 0.3, 0),
  ],
  metrics: { 'actor/pg_loss': -0.01234, 'router/tau': 0.99, 'router/eps': 0.2 },
  routerLine: { step: 5, probs: { 'topic:Regional Knowledge': { softmax: { en: 0.34, ja: 0.33, fr: 0.33 }, effective: { en: 0.34, ja: 0.33, fr: 0.33 } }, 'region:Japan': { softmax: { en: 0.3, ja: 0.4, fr: 0.3 }, effective: { en: 0.3, ja: 0.4, fr: 0.3 } } } },
  nextRouterLine: { step: 6, probs: { 'region:Japan': { softmax: { en: 0.2, ja: 0.6, fr: 0.2 }, effective: { en: 0.2, ja: 0.6, fr: 0.2 } } } },
};

describe('walkPanels', () => {
  it('gives every panel, in order, each with two sentences', () => {
    const panels = walkPanels(step, 0, opts);
    expect(panels.map((p) => p.id)).toEqual([...PANEL_IDS]);
    for (const p of panels) expect(p.text.match(/[.!?](\s|$)/g)?.length, p.id).toBeGreaterThanOrEqual(2);
  });

  it('group mean and std as hand-computed, advantages as recorded', () => {
    const s = groupStats(step, 0, true);
    expect(s.mean).toBeCloseTo(0.5, 12);
    expect(s.std).toBeCloseTo(std, 12);
    const g = walkPanels(step, 0, opts).find((p) => p.id === 'group')!;
    expect(g.figures.find((f) => f.label === 'std')!.value).toBe('0.408');
    const a = walkPanels(step, 0, opts).find((p) => p.id === 'advantages')!;
    expect(a.rows.map((r) => r[2].raw)).toEqual(step.rollouts.slice(0, 4).map((r) => r.advantage));
    // the same function the trainer uses gives the recorded advantages back
    for (const [r, v] of s.advantages) expect(v).toBeCloseTo(r.advantage, 9);
    // a group with equal rewards has no signal
    expect(walkPanels(step, 1, opts).find((p) => p.id === 'group')!.figures.find((f) => f.label === 'signal')!.value).toBe('none (zero std)');
  });

  it('ratios exp(new - old) and tokens past the clip bound on the advantage side', () => {
    const r = step.rollouts[0];
    expect(tokenRatios(r)).toEqual([Math.exp(0.5), Math.exp(-0.5)]);
    const loss = walkPanels(step, 0, opts).find((p) => p.id === 'loss')!;
    // rollout 1 (A > 0): ratio e^0.5 = 1.65 > 1.2 counts; rollout 2 (A < 0): e^-0.5 = 0.61 < 0.8 counts
    expect(loss.rows[0][3].value).toBe('1 / 2');
    expect(loss.rows[1][3].value).toBe('1 / 2');
    expect(loss.figures[0]).toMatchObject({ value: '-0.0123', raw: -0.01234 });
    expect(walkPanels({ ...step, rollouts: [rec(0, 'en', 1, 0, { newLogprobs: undefined })] }, 0, opts).find((p) => p.id === 'loss')!.rows[0][3].value).toBe('update skipped');
  });

  it('router panels: the distribution at the draw, the buffer per language, the rows before and after an update step', () => {
    const p = walkPanels(step, 0, opts);
    const langs = p.find((x) => x.id === 'languages')!;
    expect(langs.rows.map((r) => [r[0].value, r[1].raw, r[2].value])).toEqual([['en', 0.5, '2'], ['ja', 0.3, '1'], ['fr', 0.2, '1']]);
    const buf = p.find((x) => x.id === 'buffer')!;
    expect(buf.rows.map((r) => [r[0].value, r[2].raw])).toEqual([['en', 0.5], ['ja', 0.5], ['fr', 0.5]]);
    expect(routerRowsOf(step.rollouts, opts.regionalTopics)).toEqual(['topic:Regional Knowledge', 'region:Japan']);
    const ema = p.find((x) => x.id === 'ema')!;
    expect(ema.figures[0].value).toBe('yes');
    expect(ema.rows[1].map((c) => c.value)).toEqual(['region:Japan', 'ja 0.400', 'ja 0.600']);
    expect(walkPanels({ ...step, step: 4 }, 0, opts).find((x) => x.id === 'ema')!.text).toMatch(/No update at this step.*At step 5/);
  });
});
