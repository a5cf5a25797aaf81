import { describe, expect, it } from 'vitest';
import { groupAdvantages } from './advantages';
import { rolloutMetrics, type RolloutOutcome } from './metrics';

const row = (targetLang: string, reward: number, extra: Partial<RolloutOutcome> = {}): RolloutOutcome => ({
  targetLang, detectedLang: targetLang, reward, advantage: 0, promptLength: 10, responseLength: 4, truncated: false, promptTruncated: false, ...extra,
});

describe('rolloutMetrics', () => {
  it('computes verl-named statistics, per-language rewards and group spread', () => {
    const rows = [row('en', 1), row('en', 0, { detectedLang: 'de', truncated: false, responseLength: 8 }), row('zh', 0.5), row('zh', 0.5)];
    const { advantages, groups } = groupAdvantages(rows.map((r) => r.reward), [0, 0, 1, 1], true);
    rows.forEach((r, i) => (r.advantage = advantages[i]));
    const { metrics: m, advantageHistogram } = rolloutMetrics(rows, groups, 8);
    expect(m['critic/score/mean']).toBe(0.5);
    expect(m['critic/score/max']).toBe(1);
    expect(m['critic/score/min']).toBe(0);
    // rewards 1, 0, 0.5, 0.5: mean 0.5, population variance (0.25 + 0.25 + 0 + 0) / 4 (ours)
    expect(m['studio/score/std']).toBeCloseTo(Math.sqrt(0.125), 15);
    expect(m['critic/score/std']).toBeUndefined();
    // advantages over response tokens: a = ±0.5 / (√½ + 1e-6) for group 0 (lengths 4 and 8), 0 for group 1
    const a = 0.5 / (Math.SQRT1_2 + 1e-6);
    expect(m['critic/advantages/max']).toBeCloseTo(a, 9);
    expect(m['critic/advantages/min']).toBeCloseTo(-a, 9);
    // token-weighted mean: (4a − 8a + 0·4 + 0·4) / 20 = −a/5 (a per-rollout mean would be 0)
    expect(m['critic/advantages/mean']).toBeCloseTo(-a / 5, 9);
    expect(m['critic/returns/mean']).toBeCloseTo(-a / 5, 9);
    expect(m['response_length/mean']).toBe(5);
    expect(m['response_length/max']).toBe(8);
    // clip_ratio: length == max_response_length (8): one of four, whatever `truncated` says
    expect(m['response_length/clip_ratio']).toBe(0.25);
    expect(rolloutMetrics(rows, groups, 4).metrics['response_length/clip_ratio']).toBe(1);
    expect(m['studio/lang_match/mean']).toBe(0.75);
    expect(m['train_reward/lang/en']).toBe(0.5);
    expect(m['train_reward/lang/zh']).toBe(0.5);
    // the reference's per-language response length: en (4 + 8) / 2, zh 4
    expect(m['train_resp_len/lang/en']).toBe(6);
    expect(m['train_resp_len/lang/zh']).toBe(4);
    expect(m['studio/train_count/lang/zh']).toBe(2);
    expect(m['studio/zero_std_group_frac']).toBe(0.5);
    expect(m['studio/group_reward_std/max']).toBeCloseTo(Math.SQRT1_2, 12);
    for (const k of Object.keys(m)) expect(k.startsWith('grpo/') || k.startsWith('train_count/') || k.startsWith('train_lang_match/'), k).toBe(false);
    expect(advantageHistogram.counts.reduce((a, b) => a + b)).toBe(4);
  });
});
