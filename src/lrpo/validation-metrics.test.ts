import { describe, expect, it } from 'vitest';
import { byDataSource, validationMetrics } from './validation-metrics';

describe('validation metrics (verl names)', () => {
  it('names the core reward val-core/<data_source>/reward/mean@1 and ours val-aux/...', () => {
    expect(validationMetrics('care', { reward: 0.25, exact: 0.5, langMatch: 0.75 })).toEqual({
      'val-core/care/reward/mean@1': 0.25, 'val-aux/care/exact_answer/mean@1': 0.5, 'val-aux/care/lang_match/mean@1': 0.75,
    });
    expect(Object.keys(validationMetrics('', { reward: 0, exact: 0, langMatch: 0 }))[0]).toBe('val-core/unknown/reward/mean@1');
  });

  it('groups rows by data source in first-seen order', () => {
    const g = byDataSource([{ dataSource: 'b', i: 0 }, { dataSource: 'a', i: 1 }, { dataSource: 'b', i: 2 }, { dataSource: '', i: 3 }]);
    expect([...g].map(([k, v]) => [k, v.map((x) => x.i)])).toEqual([['b', [0, 2]], ['a', [1]], ['unknown', [3]]]);
  });
});
