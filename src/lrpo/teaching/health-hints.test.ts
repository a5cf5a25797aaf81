import { describe, expect, it } from 'vitest';
import type { RolloutRecord } from '../trainer';
import { healthHints, type HealthInput } from './health-hints';

const r = (group: number, reward: number) => ({ group, reward } as RolloutRecord);
const base: HealthInput = { step: 1, rollouts: [], metrics: {}, routerLine: null, updateEvery: 5, regionalTopics: [] };
const ids = (h: HealthInput) => healthHints(h).map((x) => x.id);

describe('healthHints', () => {
  it('zero-std groups, each hint saying what to change', () => {
    const h = healthHints({ ...base, rollouts: [r(0, 0.5), r(0, 0.5), r(1, 0.2), r(1, 0.7)] });
    expect(h.map((x) => x.id)).toEqual(['zero-std']);
    expect(h[0].text).toMatch(/50%.*rollout_n/);
    expect(ids({ ...base, rollouts: [r(0, 0.5), r(0, 0.4), r(1, 0.2), r(1, 0.7)] })).toEqual([]);
  });
  it('too easy and too hard groups', () => {
    expect(ids({ ...base, rollouts: [r(0, 1), r(0, 0.95), r(1, 0.9), r(1, 1)] })).toEqual(['too-easy']);
    expect(ids({ ...base, rollouts: [r(0, 0), r(0, 0.05), r(1, 0), r(1, 0.1)] })).toEqual(['too-hard']);
  });
  it('entropy collapse below 0.05 nats per token', () => {
    expect(ids({ ...base, metrics: { 'actor/entropy': 0.01 } })).toEqual(['entropy-collapse']);
    expect(ids({ ...base, metrics: { 'actor/entropy': 0.5 } })).toEqual([]);
  });
  it('a router still uniform after 3 updates, not before', () => {
    const line = (p: number[]) => ({ step: 15, probs: { 'region:X': { softmax: { a: p[0], b: p[1] }, effective: { a: p[0], b: p[1] } } } });
    expect(ids({ ...base, step: 15, routerLine: line([0.51, 0.49]) })).toEqual(['router-uniform']);
    expect(ids({ ...base, step: 14, routerLine: line([0.51, 0.49]) })).toEqual([]);
    expect(ids({ ...base, step: 15, routerLine: line([0.6, 0.4]) })).toEqual([]);
  });
});
