import { describe, expect, it } from 'vitest';
import { readMetricsJsonl } from './metrics-jsonl-reader';

describe('readMetricsJsonl', () => {
  it('reads nested and flat lines, lists malformed lines with numbers', () => {
    const text = [
      '{"step": 1, "metrics": {"critic/score/mean": 0.25, "actor/entropy": 3.1}}',
      '{"step": 2, "critic/score/mean": 0.5, "note": "x"}',
      '{"step": "3"}',
      'oops',
      '{"step": 4, "metrics": {}}',
    ].join('\n');
    const r = readMetricsJsonl(text, 'metrics.jsonl');
    expect(r.rows).toEqual([
      { step: 1, metrics: { 'critic/score/mean': 0.25, 'actor/entropy': 3.1 } },
      { step: 2, metrics: { 'critic/score/mean': 0.5 } },
    ]);
    expect(r.problems.map((p) => [p.row, p.field ?? null])).toEqual([[3, 'step'], [4, null], [5, 'metrics']]);
  });

  it('reads our older files\' names for our own metrics under today\'s studio/ names', () => {
    const r = readMetricsJsonl('{"step": 1, "metrics": {"critic/score/std": 0.1, "grpo/zero_std_group_frac": 0.5, "grpo/group_reward_std/mean": 0.2, '
      + '"train_lang_match/mean": 0.9, "train_count/lang/de": 3, "train_reward/lang/de": 0.4}}', 'old.jsonl');
    expect(r.rows[0].metrics).toEqual({
      'studio/score/std': 0.1, 'studio/zero_std_group_frac': 0.5, 'studio/group_reward_std/mean': 0.2,
      'studio/lang_match/mean': 0.9, 'studio/train_count/lang/de': 3, 'train_reward/lang/de': 0.4,
    });
  });
});
