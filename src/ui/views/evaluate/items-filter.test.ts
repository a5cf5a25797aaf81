import { describe, expect, it } from 'vitest';
import type { PredictionRow } from '../../../eval/types';
import { describeFilter, filterRows } from './items-filter';

const rows: PredictionRow[] = [
  { id: 'a', index: 0, question: 'Capital?', target: 'Madrid', prediction: 'Madrid', language: 'es', region: 'Spain', setting: 'cross-cultural', verdict: { label: 'CORRECT', raw: 'A', model: 'm' } },
  { id: 'b', index: 1, question: '首都?', target: '北京', prediction: 'Beijing', language: 'zh', region: null, setting: null, verdict: { label: 'CORRECT_BUT_WRONG_LANGUAGE', raw: 'B', model: 'm' } },
  { id: 'c', index: 2, question: 'x', target: 'y', prediction: 'z', language: 'zh', region: 'China', setting: 'local-insider' },
];
const det = new Map([['b', { lang: 'en', prob: 0.9 }], ['a', { lang: 'es', prob: 0.9 }]]);
const ids = (f: Parameters<typeof filterRows>[1], seen: string[] = []) => filterRows(rows, f, seen, det).map((r) => r.id);

describe('filterRows', () => {
  it('filters by label (UNJUDGED included), language, region/setting (none), seen, flag and text', () => {
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ label: 'UNJUDGED' })).toEqual(['c']);
    expect(ids({ language: 'zh' })).toEqual(['b', 'c']);
    expect(ids({ region: '(none)' })).toEqual(['b']);
    expect(ids({ setting: 'local-insider' })).toEqual(['c']);
    expect(ids({ seen: 'seen' }, ['es'])).toEqual(['a']);
    expect(ids({ seen: 'unseen' }, ['es'])).toEqual(['b', 'c']);
    expect(ids({ flaggedOnly: true })).toEqual(['b']);
    expect(ids({ text: 'beij' })).toEqual(['b']);
    expect(ids({ language: 'zh', label: 'CORRECT' })).toEqual([]);
  });
  it('describes a filter', () => {
    expect(describeFilter({})).toBe('all items');
    expect(describeFilter({ language: 'zh', flaggedOnly: true })).toBe('language = zh, flaggedOnly');
  });
});
