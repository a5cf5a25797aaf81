import { describe, expect, it } from 'vitest';
import { metricsToCsv } from './metrics-csv';

describe('metricsToCsv', () => {
  it('writes a header with step first and sorted metric names, empty cells for missing values', () => {
    const csv = metricsToCsv([
      { step: 1, 'critic/score/mean': 0.5, 'train_reward/lang/en': 0.25 },
      { step: 2, 'critic/score/mean': 0.75, 'weird,name': 1 },
    ]);
    expect(csv).toBe(
      'step,critic/score/mean,train_reward/lang/en,"weird,name"\n1,0.5,0.25,\n2,0.75,,1\n',
    );
  });
});
