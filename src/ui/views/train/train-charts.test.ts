import { describe, expect, it } from 'vitest';
import { perLanguageRewardSeries, rewardLanguages } from './train-charts';
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
