import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../config';
import { readSavedRun } from './saved-run';

const config = JSON.stringify(defaultRunConfig());
const rollout = (step: number, extra: Record<string, unknown> = {}) => JSON.stringify({
  step, group: 0, row: 0, question: 'q', topic: 't', regions: [], origLang: 'en', targetLang: 'en', source: 'quota', response: 'r',
  detectedLang: 'en', similarity: 0.5, calibrated: 0.5, reward: 0.75, advantage: 0, responseLength: 1, truncated: false, ...extra,
});

describe('readSavedRun', () => {
  it('groups rollouts by step with their metrics and router lines; bad lines named by file, line and field', () => {
    const r = readSavedRun([
      { name: 'run/config.json', text: config },
      { name: 'rollouts.jsonl', text: [rollout(1), rollout(2), '{bad', rollout(2, { reward: 'x' })].join('\n') },
      { name: 'metrics.jsonl', text: JSON.stringify({ step: 2, metrics: { 'actor/pg_loss': 0.5 } }) },
      { name: 'router.jsonl', text: [1, 2, 3].map((s) => JSON.stringify({ step: s, probs: { 'topic:t': { softmax: { en: 1 }, effective: { en: 1 } } } })).join('\n') },
    ]);
    expect(r.run!.steps.map((s) => [s.step, s.rollouts.length])).toEqual([[1, 1], [2, 1]]);
    expect(r.run!.steps[1].metrics).toEqual({ 'actor/pg_loss': 0.5 });
    expect(r.run!.steps[1].routerLine?.step).toBe(2);
    expect(r.run!.steps[1].nextRouterLine?.step).toBe(3);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatchObject({ file: 'rollouts.jsonl', line: 3 });
    expect(r.problems[1]).toMatchObject({ file: 'rollouts.jsonl', line: 4, field: 'reward' });
  });
  it('without config.json or rollouts.jsonl there is no run, and it says which file is missing', () => {
    const r = readSavedRun([{ name: 'metrics.jsonl', text: '' }]);
    expect(r.run).toBeNull();
    expect(r.problems.map((p) => p.file)).toEqual(['config.json', 'rollouts.jsonl']);
    expect(readSavedRun([{ name: 'config.json', text: config }, { name: 'rollouts.jsonl', text: '' }]).run).toBeNull();
  });
});
