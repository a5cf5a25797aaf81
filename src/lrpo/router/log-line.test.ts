import { describe, expect, it } from 'vitest';
import { defaultRouterConfig } from '../config';
import { formatLogLine } from './log-line';
import { SoftmaxEpsRouter } from './softmax-eps-router';

const LANGS = ['en', 'de', 'fr'];

describe('router log line (reference schema)', () => {
  it('carries the count after the step, that step\'s tau/eps, and the tables before its update', () => {
    const r = new SoftmaxEpsRouter({
      ...defaultRouterConfig(), languages: LANGS, lang_policy_update_every: 1, lang_policy_alpha: 0.5, lang_policy_group_norm: 'none',
      lang_policy_temperature_init: 0.5, lang_policy_temperature_decay: 1, lang_policy_epsilon_init: 0.2, lang_policy_epsilon_decay: 0.5,
    }, 1);
    r.registerContexts([{ topic: 'Reasoning', regions: null }]);
    r.beginStep();
    r.observe('Reasoning', null, 'en', 1);
    r.observe('Reasoning', null, 'de', 0);
    r.observe('Reasoning', null, 'fr', 0);
    const first = r.endStep()!;
    // written before the update: uniform rows; eps 0.2 -> effective = 0.8/3 + 0.2/3 = 1/3
    expect(first.step).toBe(1);
    expect(Object.keys(first.probs)).toEqual(['topic:Reasoning']);
    for (const l of LANGS) {
      expect(first.probs['topic:Reasoning'].softmax[l]).toBeCloseTo(1 / 3, 15);
      expect(first.probs['topic:Reasoning'].effective[l]).toBeCloseTo(1 / 3, 15);
    }
    r.beginStep();
    const second = r.endStep()!;
    // row after the update: 0.5 * [1, 0, 0] = [0.5, 0, 0]; tau 0.5 -> softmax([1, 0, 0]) = [e, 1, 1] / (e + 2)
    // step index 1 -> eps = 0.2 * 0.5 = 0.1; effective = 0.9 * softmax + 0.1 / 3
    const e = Math.E;
    const sm = [e / (e + 2), 1 / (e + 2), 1 / (e + 2)];
    expect(second.step).toBe(2);
    LANGS.forEach((l, i) => {
      expect(second.probs['topic:Reasoning'].softmax[l]).toBeCloseTo(sm[i], 14);
      expect(second.probs['topic:Reasoning'].effective[l]).toBeCloseTo(0.9 * sm[i] + 0.1 / 3, 14);
    });
    expect(sm[0]).toBeCloseTo(0.576117, 6);
    const text = formatLogLine(second);
    expect(text.startsWith('{"step":2,"probs":{"topic:Reasoning":{"softmax":{"en":')).toBe(true);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['step', 'probs']);
    expect(Object.keys(parsed.probs['topic:Reasoning'])).toEqual(['softmax', 'effective']);
    expect(Object.keys(parsed.probs['topic:Reasoning'].softmax)).toEqual(LANGS);
  });

  it('logs every log_every steps, region rows after topic rows, log_max_keys topics and log_max_keys regions', () => {
    const r = new SoftmaxEpsRouter({ ...defaultRouterConfig(), languages: LANGS, lang_policy_log_every: 2, lang_policy_log_max_keys: 2 }, 1);
    // the training data, in data order: 3 topics, 3 regions
    r.registerContexts([
      { topic: 'Regional Knowledge', regions: ['Japan'] },
      { topic: 'Chat', regions: [] },
      { topic: 'Regional Knowledge', regions: ['China', 'Brazil'] },
      { topic: 'Translation', regions: null },
    ]);
    r.beginStep();
    expect(r.endStep()).toBeNull();
    r.beginStep();
    const line = r.endStep()!;
    expect(line.step).toBe(2);
    // first 2 topics and, separately, first 2 regions
    expect(Object.keys(line.probs)).toEqual(['topic:Regional Knowledge', 'topic:Chat', 'region:Japan', 'region:China']);
    r.beginStep();
    expect(r.endStep()).toBeNull();
  });

  it('carries every registered row from step 1; "None" and "[]" rows appear with the first update that makes them', () => {
    const r = new SoftmaxEpsRouter({ ...defaultRouterConfig(), languages: LANGS, lang_policy_update_every: 2, lang_policy_group_norm: 'none', lang_policy_alpha: 0.5 }, 1);
    r.registerContexts([{ topic: 'Regional Knowledge', regions: ['Japan'] }, { topic: 'Regional Knowledge', regions: null }, { topic: 'Regional Knowledge', regions: [] }]);
    r.beginStep();
    r.observe('Regional Knowledge', null, 'en', 1);
    r.observe('Regional Knowledge', [], 'de', 1);
    const s1 = r.endStep()!;
    expect(Object.keys(s1.probs)).toEqual(['topic:Regional Knowledge', 'region:Japan']);
    r.beginStep();
    const s2 = r.endStep()!; // written before step 2's update
    expect(Object.keys(s2.probs)).toEqual(['topic:Regional Knowledge', 'region:Japan']);
    r.beginStep();
    const s3 = r.endStep()!;
    expect(Object.keys(s3.probs)).toEqual(['topic:Regional Knowledge', 'region:Japan', 'region:None', 'region:[]']);
    // "None" learned en: 0.5 * 1 = 0.5 at tau 1 * 0.999^2
    const tau = 0.999 ** 2;
    const e = Math.exp(0.5 / tau);
    expect(s3.probs['region:None'].softmax.en).toBeCloseTo(e / (e + 2), 12);
    expect(s3.probs['region:[]'].softmax.de).toBeCloseTo(e / (e + 2), 12);
  });

  it('writes no lines when log_every is 0', () => {
    const r = new SoftmaxEpsRouter({ ...defaultRouterConfig(), lang_policy_log_every: 0 }, 1);
    r.beginStep();
    r.observe('T', null, 'en', 1);
    expect(r.endStep()).toBeNull();
  });
});
