import { describe, expect, it } from 'vitest';
import { HEALTH_CHARTS, perLanguageRewardSeries, rewardLanguages } from './train-charts';
import { rolloutMetrics } from '../../../lrpo/grpo/metrics';
import { groupAdvantages } from '../../../lrpo/grpo/advantages';
import { langColor } from '../../charts/lang-colors';

describe('per-language reward series', () => {
  it('lists every language with a train_reward/lang value anywhere in the history, sorted, once', () => {
    const history: Record<string, number>[] = [
      { step: 1, 'train_reward/lang/fr': 0.2, 'critic/score/mean': 0.1 },
      { step: 2, 'train_reward/lang/de': 0.4, 'train_reward/lang/fr': 0.3 },
      { step: 3, 'critic/score/mean': 0.5 },
    ];
    expect(rewardLanguages(history)).toEqual(['de', 'fr']);
    expect(rewardLanguages([])).toEqual([]);
  });

  it('one series per language, keyed by the metric, in the language colour', () => {
    expect(perLanguageRewardSeries(['de', 'fr'])).toEqual([
      { key: 'train_reward/lang/de', label: 'de', color: langColor('de') },
      { key: 'train_reward/lang/fr', label: 'fr', color: langColor('fr') },
    ]);
  });
});

describe('health charts read metric names the trainer writes', () => {
  it('every rollout-metric series is a key rolloutMetrics produces', () => {
    const rows = [0, 1, 0.5, 0.5].map((reward, i) => ({ targetLang: 'en', detectedLang: 'en', reward, advantage: 0, promptLength: 5, responseLength: 3 + i, truncated: false, promptTruncated: false }));
    const { groups } = groupAdvantages(rows.map((r) => r.reward), [0, 0, 1, 1], true);
    const keys = Object.keys(rolloutMetrics(rows, groups, 8).metrics);
    const fromRollouts = HEALTH_CHARTS.flatMap((c) => c.series.map((x) => x.key)).filter((k) => /^(critic|studio|response_length|train_)/.test(k));
    expect(fromRollouts.length).toBeGreaterThan(4);
    for (const k of fromRollouts) expect(keys, k).toContain(k);
  });
});
