// The reference router's handling of missing regions, with hand-computed values: when sampling, a
// null region or an empty list adds no region row; when updating, null is the key "None" and an
// empty list the key "[]" (separate normalization contexts and separate region rows).
import { describe, expect, it } from 'vitest';
import { defaultRouterConfig } from '../config';
import { normalizedUpdates } from './buffered-update';
import { parseObservations, replayObservations } from './replay';
import { SoftmaxEpsRouter } from './softmax-eps-router';
import { regionKeys, samplingRegions, type RouterSnapshot } from './types';

const LANGS = ['en', 'de', 'fr'];
const RK = 'Regional Knowledge';
const cfg = (over: Partial<ReturnType<typeof defaultRouterConfig>> = {}) => ({
  ...defaultRouterConfig(), languages: LANGS, lang_policy_update_every: 1, lang_policy_temperature_decay: 1, lang_policy_epsilon_init: 0, ...over,
});
const row = (r: { snapshot(): RouterSnapshot }, kind: 'topic' | 'region', name: string) => (kind === 'topic' ? r.snapshot().topic : r.snapshot().region).find(([n]) => n === name)?.[1];

describe('router: missing regions (reference semantics)', () => {
  it('keys updates: null -> "None", [] -> "[]", a list drops null items; sampling adds no row for either', () => {
    expect(regionKeys(null)).toEqual(['None']);
    expect(regionKeys(undefined)).toEqual(['None']);
    expect(regionKeys([])).toEqual(['[]']);
    expect(regionKeys([null])).toEqual(['[]']);
    expect(regionKeys(['Japan', null, 'China'])).toEqual(['Japan', 'China']);
    expect(regionKeys('Japan')).toEqual(['Japan']);
    expect(samplingRegions(null)).toEqual([]);
    expect(samplingRegions([])).toEqual([]);
    expect(samplingRegions(['Japan'])).toEqual(['Japan']);
  });

  it('sampling a regional question with a null or empty region uses the topic row only', () => {
    const r = new SoftmaxEpsRouter(cfg({ lang_policy_alpha: 1, lang_policy_group_norm: 'none' }), 1);
    r.beginStep();
    r.observe(RK, null, 'de', 1);
    r.observe(RK, [], 'fr', 1);
    r.endStep();
    // alpha 1: topic row de = 1 then fr = 1 -> [0, 1, 1]; region "None" [0, 1, 0]; region "[]" [0, 0, 1]
    expect(row(r, 'topic', RK)).toEqual([0, 1, 1]);
    expect(row(r, 'region', 'None')).toEqual([0, 1, 0]);
    expect(row(r, 'region', '[]')).toEqual([0, 0, 1]);
    r.beginStep();
    const e = Math.E;
    const topicOnly = [1 / (1 + 2 * e), e / (1 + 2 * e), e / (1 + 2 * e)];
    for (const regions of [[], null as unknown as string[]]) {
      const p = r.probabilities({ topic: RK, regions });
      topicOnly.forEach((v, i) => expect(p.softmax[i]).toBeCloseTo(v, 14));
    }
    // a named region adds its row: "None" as a region name is a row like any other
    const withNone = r.probabilities({ topic: RK, regions: ['None'] }).softmax; // logits [0, 2, 1]
    const z = 1 + e * e + e;
    expect(withNone[1]).toBeCloseTo((e * e) / z, 14);
  });

  it('normalizes "None" and "[]" as separate contexts (zscore), each a region row of its own', () => {
    const buffer = [
      { topic: RK, region: 'None', lang: 0, reward: 1 },
      { topic: RK, region: 'None', lang: 1, reward: 0 },
      { topic: RK, region: '[]', lang: 0, reward: 0 },
      { topic: RK, region: '[]', lang: 1, reward: 1 },
    ];
    // per context: mean 0.5, population std 0.5 -> +-0.5 / (0.5 + 1e-6); one pooled context would give 0, 0
    const z = 0.5 / (0.5 + 1e-6);
    const u = normalizedUpdates(buffer, 'zscore');
    expect(u.map((k) => [k.region, k.lang])).toEqual([['None', 0], ['None', 1], ['[]', 0], ['[]', 1]]);
    expect(u.map((k) => k.value)).toEqual([z, -z, -z, z]);

    const r = new SoftmaxEpsRouter(cfg({ lang_policy_alpha: 0.5 }), 1);
    r.beginStep();
    r.observe(RK, null, 'en', 1);
    r.observe(RK, null, 'de', 0);
    r.observe(RK, [], 'en', 0);
    r.observe(RK, [], 'de', 1);
    r.endStep();
    // topic row, keys in order: en 0.5z, de -0.5z, en 0.5*0.5z + 0.5*(-z) = -0.25z, de 0.25z
    const t = row(r, 'topic', RK)!;
    expect(t[0]).toBeCloseTo(-0.25 * z, 15);
    expect(t[1]).toBeCloseTo(0.25 * z, 15);
    expect(row(r, 'region', 'None')).toEqual([0.5 * z, -0.5 * z, 0]);
    expect(row(r, 'region', '[]')).toEqual([-0.5 * z, 0.5 * z, 0]);
  });

  it('lang_policy_group_norm_eps is the zscore epsilon', () => {
    const buffer = [{ topic: 'T', region: 'None', lang: 0, reward: 1 }, { topic: 'T', region: 'None', lang: 1, reward: 0 }];
    // mean 0.5, std 0.5: (1 - 0.5) / (0.5 + 0.5) = 0.5
    expect(normalizedUpdates(buffer, 'zscore', 0.5).map((k) => k.value)).toEqual([0.5, -0.5]);
    const r = new SoftmaxEpsRouter(cfg({ lang_policy_alpha: 1, lang_policy_group_norm_eps: 0.5 }), 1);
    r.beginStep();
    r.observe('T', null, 'en', 1);
    r.observe('T', null, 'de', 0);
    r.endStep();
    expect(row(r, 'topic', 'T')).toEqual([0.5, -0.5, 0]);
  });

  it('replays a verl-style observation log with null and empty-list regions', () => {
    const text = [
      `{"step": 1, "rewards": [{"topic": "${RK}", "region": "Japan", "lang": "en", "reward": 1}, {"topic": "${RK}", "region": null, "lang": "de", "reward": 1},`
        + ` {"topic": "${RK}", "region": [], "lang": "fr", "reward": 1}, {"topic": "Chat", "region": null, "lang": "en", "reward": 0.5}]}`,
      `{"step": 2, "rewards": [{"topic": "${RK}", "region": ["Japan", null], "lang": "de", "reward": 0}]}`,
    ].join('\n');
    const { steps, problems } = parseObservations(text, 'obs.jsonl');
    expect(problems).toEqual([]);
    const { router, log } = replayObservations(cfg({ lang_policy_alpha: 0.5, lang_policy_group_norm: 'none' }), steps);
    // line 1 (before the first update): the registered rows only (topics RK, Chat; region Japan), uniform
    expect(Object.keys(log[0].probs)).toEqual([`topic:${RK}`, 'topic:Chat', 'region:Japan']);
    expect(log[0].probs['region:Japan'].softmax.en).toBeCloseTo(1 / 3, 15);
    // line 2: "None" and "[]" rows now exist, after the rows of the data
    expect(Object.keys(log[1].probs)).toEqual([`topic:${RK}`, 'topic:Chat', 'region:Japan', 'region:None', 'region:[]']);
    // after step 1 (alpha 0.5, none): topic RK en 0.5, de 0.5, fr 0.5; Japan en 0.5; None de 0.5; [] fr 0.5; Chat en 0.25
    // after step 2: ["Japan", null] -> key Japan, de reward 0: topic RK de 0.25, Japan de 0
    expect(row(router, 'topic', RK)).toEqual([0.5, 0.25, 0.5]);
    expect(row(router, 'topic', 'Chat')).toEqual([0.25, 0, 0]);
    expect(row(router, 'region', 'Japan')).toEqual([0.5, 0, 0]);
    expect(row(router, 'region', 'None')).toEqual([0, 0.5, 0]);
    expect(row(router, 'region', '[]')).toEqual([0, 0, 0.5]);
  });
});
