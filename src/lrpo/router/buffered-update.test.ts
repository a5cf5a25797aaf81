import { describe, expect, it } from 'vitest';
import { defaultRouterConfig, type GroupNorm } from '../config';
import { SoftmaxEpsRouter } from './softmax-eps-router';
import { normalizedUpdates } from './buffered-update';

// Hand-computed updates of the reference router: 2 contexts x 3 languages, alpha 0.5, one update.
const LANGS = ['en', 'de', 'fr'];

function routerWith(groupNorm: GroupNorm, alpha = 0.5) {
  return new SoftmaxEpsRouter({ ...defaultRouterConfig(), languages: LANGS, lang_policy_update_every: 1, lang_policy_alpha: alpha, lang_policy_group_norm: groupNorm }, 1);
}

function rowOf(r: SoftmaxEpsRouter, kind: 'topic' | 'region', name: string): number[] {
  const list = kind === 'topic' ? r.snapshot().topic : r.snapshot().region;
  return list.find(([n]) => n === name)![1];
}

function feedTwoContexts(r: SoftmaxEpsRouter) {
  r.beginStep();
  // context A = (Reasoning, None): en 1.0 and 0.5 (mean 0.75), de 0.25, fr 0.5
  r.observe('Reasoning', null, 'en', 1.0);
  r.observe('Reasoning', null, 'de', 0.25);
  r.observe('Reasoning', null, 'en', 0.5);
  r.observe('Reasoning', null, 'fr', 0.5);
  // context B = (Chat, None): en 0.2, de 0.6, fr 1.0
  r.observe('Chat', null, 'en', 0.2);
  r.observe('Chat', null, 'de', 0.6);
  r.observe('Chat', null, 'fr', 1.0);
  r.endStep();
}

describe('buffered update, one step, 2 contexts x 3 languages (alpha 0.5, Q starts at 0)', () => {
  it('group_norm none: Q = 0.5 * raw mean', () => {
    const r = routerWith('none');
    feedTwoContexts(r);
    // A: 0.5 * [0.75, 0.25, 0.5] = [0.375, 0.125, 0.25]
    expect(rowOf(r, 'topic', 'Reasoning')).toEqual([0.375, 0.125, 0.25]);
    // B: 0.5 * [0.2, 0.6, 1.0] = [0.1, 0.3, 0.5]
    const b = rowOf(r, 'topic', 'Chat');
    [0.1, 0.3, 0.5].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 15));
  });

  it('group_norm center: Q = 0.5 * (mean - context mean)', () => {
    const r = routerWith('center');
    feedTwoContexts(r);
    // A: context mean (0.75 + 0.25 + 0.5) / 3 = 0.5 -> [0.25, -0.25, 0] -> Q [0.125, -0.125, 0]
    const a = rowOf(r, 'topic', 'Reasoning');
    [0.125, -0.125, 0].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 15));
    // B: context mean 0.6 -> [-0.4, 0, 0.4] -> Q [-0.2, 0, 0.2]
    const b = rowOf(r, 'topic', 'Chat');
    [-0.2, 0, 0.2].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 15));
  });

  it('group_norm zscore: Q = 0.5 * (mean - context mean) / (population std + 1e-6)', () => {
    const r = routerWith('zscore');
    feedTwoContexts(r);
    // A: deviations [0.25, -0.25, 0]; population variance (0.0625 + 0.0625 + 0) / 3 = 0.125 / 3
    const sA = Math.sqrt(0.125 / 3) + 1e-6; // 0.2041251452...
    const a = rowOf(r, 'topic', 'Reasoning');
    [0.5 * 0.25 / sA, 0.5 * -0.25 / sA, 0].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 14));
    expect(a[0]).toBeCloseTo(0.612369, 5); // 0.125 / 0.2041251 = 0.61237
    // B: deviations [-0.4, 0, 0.4]; variance 0.32 / 3
    const sB = Math.sqrt(0.32 / 3) + 1e-6;
    const b = rowOf(r, 'topic', 'Chat');
    [0.5 * -0.4 / sB, 0, 0.5 * 0.4 / sB].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 14));
  });

  it('normalizes only across the languages present in a context', () => {
    // one context, en 1 and de 0 (fr absent): center -> en +0.5, de -0.5; fr is not updated
    const u = normalizedUpdates([
      { topic: 'T', region: 'None', lang: 0, reward: 1 },
      { topic: 'T', region: 'None', lang: 1, reward: 0 },
    ], 'center');
    expect(u.map((x) => [x.lang, x.value])).toEqual([[0, 0.5], [1, -0.5]]);
  });

  it('updates the region row too for a regional topic, and a missing region is "None"', () => {
    const r = new SoftmaxEpsRouter({ ...defaultRouterConfig(), languages: ['en', 'ja', 'zh'], lang_policy_update_every: 1, lang_policy_alpha: 0.1, lang_policy_group_norm: 'none' }, 1);
    r.beginStep();
    r.observe('Regional Knowledge', 'Japan', 'en', 0);
    r.observe('Regional Knowledge', 'Japan', 'ja', 1);
    r.observe('Regional Knowledge', 'Japan', 'zh', 0.5);
    r.observe('General Knowledge', 'Japan', 'ja', 1); // not regional: no region row update
    r.endStep();
    // topic RK: 0.1 * [0, 1, 0.5] = [0, 0.1, 0.05]; region Japan the same
    expect(rowOf(r, 'topic', 'Regional Knowledge')).toEqual([0, 0.1, 0.05]);
    expect(rowOf(r, 'region', 'Japan')).toEqual([0, 0.1, 0.05]);
    expect(rowOf(r, 'topic', 'General Knowledge')).toEqual([0, 0.1, 0]);
    expect(r.snapshot().region.map(([n]) => n)).toEqual(['Japan']);
    r.beginStep();
    r.observe('Regional Knowledge', null, 'zh', 1);
    r.endStep();
    // region None: 0.1 * 1 on zh; topic RK zh: 0.9 * 0.05 + 0.1 * 1 = 0.145
    expect(rowOf(r, 'region', 'None')).toEqual([0, 0, 0.1]);
    expect(rowOf(r, 'topic', 'Regional Knowledge')[2]).toBeCloseTo(0.145, 15);
    // logits of a regional context = topic row + region row: ja 0.1 + 0.1
    expect(Array.from(r.logits({ topic: 'Regional Knowledge', regions: ['Japan'] }))).toEqual([0, 0.2, 0.05 * 0.9 + 0.1 + 0.05]);
  });

  it('applies the EMA one key at a time in first-seen order (a topic seen in two regions)', () => {
    const run = (first: string, second: string, r1: number, r2: number) => {
      const r = new SoftmaxEpsRouter({ ...defaultRouterConfig(), languages: LANGS, lang_policy_update_every: 1, lang_policy_alpha: 0.5, lang_policy_group_norm: 'none' }, 1);
      r.beginStep();
      r.observe('Regional Knowledge', first, 'en', r1);
      r.observe('Regional Knowledge', second, 'en', r2);
      r.endStep();
      return r;
    };
    // Japan (1) first, then China (0): 0.5*0 + 0.5*1 = 0.5, then 0.5*0.5 + 0.5*0 = 0.25
    const a = run('Japan', 'China', 1, 0);
    expect(rowOf(a, 'topic', 'Regional Knowledge')[0]).toBe(0.25);
    expect(rowOf(a, 'region', 'Japan')[0]).toBe(0.5);
    expect(rowOf(a, 'region', 'China')[0]).toBe(0);
    // China (0) first, then Japan (1): 0, then 0.5*0 + 0.5*1 = 0.5
    const b = run('China', 'Japan', 0, 1);
    expect(rowOf(b, 'topic', 'Regional Knowledge')[0]).toBe(0.5);
  });

  it('buffers across steps and updates only every update_every steps', () => {
    const r = new SoftmaxEpsRouter({ ...defaultRouterConfig(), languages: LANGS, lang_policy_update_every: 3, lang_policy_alpha: 0.5, lang_policy_group_norm: 'none' }, 1);
    r.registerContexts([{ topic: 'T', regions: null }]);
    for (let s = 0; s < 2; s++) {
      r.beginStep();
      r.observe('T', null, 'en', s); // rewards 0 then 1
      r.endStep();
      expect(rowOf(r, 'topic', 'T')).toEqual([0, 0, 0]);
    }
    r.beginStep();
    r.observe('T', null, 'en', 0.5);
    r.endStep();
    // mean over the buffer (0 + 1 + 0.5) / 3 = 0.5 -> Q = 0.25
    expect(rowOf(r, 'topic', 'T')[0]).toBe(0.25);
    expect(r.snapshot().buffered).toBe(0);
  });

  it('ignores rollouts whose language is not a router arm', () => {
    const r = routerWith('none');
    r.beginStep();
    expect(r.observe('T', null, 'hi', 1)).toBe(false);
    expect(r.observe('T', null, 'en', 1)).toBe(true);
    expect(r.snapshot().buffered).toBe(1);
  });
});
