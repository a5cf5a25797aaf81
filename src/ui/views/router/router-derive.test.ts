import { describe, expect, it } from 'vitest';
import type { RouterFrame } from '../../worker/protocol';
import { contextSeries, contextsOf, langsOf, rolloutShare, scheduleSeries } from './router-derive';

const d = (a: number) => ({ en: a, zh: 1 - a });
const frames: RouterFrame[] = [
  { step: 1, probs: { 'region:China': { softmax: d(0.5), effective: d(0.5) }, 'topic:A': { softmax: d(0.5), effective: d(0.5) } }, tau: 1, eps: 0.2, rolloutsByLang: { en: 3, zh: 1 } },
  { step: 2, probs: { 'topic:A': { softmax: d(0.9), effective: d(0.8) } }, eps: 0.19, rolloutsByLang: { zh: 4 } },
];

describe('router derivations', () => {
  it('lists topics before regions and languages in log order', () => {
    expect(contextsOf(frames)).toEqual(['topic:A', 'region:China']);
    expect(langsOf(frames)).toEqual(['en', 'zh']);
  });
  it('builds a context series from the steps that logged it', () => {
    expect(contextSeries(frames, 'region:China', 'effective')).toEqual([{ step: 1, en: 0.5, zh: 0.5 }]);
    expect(contextSeries(frames, 'topic:A', 'softmax').map((r) => r.en)).toEqual([0.5, 0.9]);
    expect(scheduleSeries(frames)).toEqual([{ step: 1, tau: 1, eps: 0.2 }, { step: 2, eps: 0.19 }]);
  });
  it('computes rollout shares up to a frame (hand-computed)', () => {
    expect(rolloutShare(frames, 0)).toEqual({ en: 0.75, zh: 0.25 });
    expect(rolloutShare(frames, 1)).toEqual({ en: 3 / 8, zh: 5 / 8 });
    expect(rolloutShare([{ step: 1, probs: {} }], 0)).toBeNull();
  });
});
