import { describe, expect, it } from 'vitest';
import type { RolloutRow } from '../../worker/protocol';
import { filterOptions, filterRollouts } from './rollout-filter';

const row = (targetLang: string, topic: string, region: string): RolloutRow => ({
  group: 0, question: 'q', topic, region, origLang: 'en', targetLang, response: 'r', detectedLang: targetLang,
  similarity: 0, calibrated: 0, reward: 0, advantage: 0,
});
const rows = [row('en', 'A', 'None'), row('zh', 'B', 'China, Taiwan'), row('zh', 'A', 'Spain')];

describe('rollout filter', () => {
  it('filters by language, topic and one of several regions', () => {
    expect(filterRollouts(rows, { lang: 'zh', topic: '', region: '' }).length).toBe(2);
    expect(filterRollouts(rows, { lang: 'zh', topic: 'A', region: '' })).toEqual([rows[2]]);
    expect(filterRollouts(rows, { lang: '', topic: '', region: 'Taiwan' })).toEqual([rows[1]]);
    expect(filterRollouts(rows, { lang: '', topic: '', region: '' })).toEqual(rows);
  });
  it('lists the distinct options', () => {
    expect(filterOptions(rows)).toEqual({ langs: ['en', 'zh'], topics: ['A', 'B'], regions: ['China', 'None', 'Spain', 'Taiwan'] });
  });
});
