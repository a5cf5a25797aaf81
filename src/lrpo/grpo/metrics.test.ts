import { describe, expect, it } from 'vitest';
import { groupAdvantages } from './advantages';
import { rolloutMetrics, type RolloutOutcome } from './metrics';

const row = (targetLang: string, reward: number, extra: Partial<RolloutOutcome> = {}): RolloutOutcome => ({
  targetLang, detectedLang: targetLang, reward, advantage: 0, promptLength: 10, responseLength: 4, truncated: false, promptTruncated: false, ...extra,
});

describe('rolloutMetrics', () => {
  it('computes verl-named statistics, per-language rewards and group spread', () => {
    const rows = [row('en', 1), row('en', 0, { detectedLang: 'de', truncated: true, responseLength: 8 }), row('zh', 0.5), row('zh', 0.5)];
    const { advantages, groups } = groupAdvantages(rows.map((r) => r.reward), [0, 0, 1, 1], true);
    rows.forEach((r, i) => (r.advantage = advantages[i]));
    const { metrics: m, advantageHistogram } = rolloutMetrics(rows, groups);
    expect(m['critic/score/mean']).toBe(0.5);
    expect(m['critic/score/max']).toBe(1);
    expect(m['critic/score/min']).toBe(0);
    // rewards 1, 0, 0.5, 0.5: mean 0.5, population variance (0.25 + 0.25 + 0 + 0) / 4
    expect(m['critic/score/std']).toBeCloseTo(Math.sqrt(0.125), 15);
    expect(m['critic/advantages/max']).toBeCloseTo(0.5 / (Math.SQRT1_2 + 1e-6), 9);
    expect(m['response_length/mean']).toBe(5);
    expect(m['response_length/max']).toBe(8);
    expect(m['response_length/clip_ratio']).toBe(0.25);
    expect(m['train_lang_match/mean']).toBe(0.75);
    expect(m['train_reward/lang/en']).toBe(0.5);
    expect(m['train_reward/lang/zh']).toBe(0.5);
    expect(m['train_count/lang/zh']).toBe(2);
    expect(m['grpo/zero_std_group_frac']).toBe(0.5);
    expect(m['grpo/group_reward_std/max']).toBeCloseTo(Math.SQRT1_2, 12);
    expect(advantageHistogram.counts.reduce((a, b) => a + b)).toBe(4);
  });
});
