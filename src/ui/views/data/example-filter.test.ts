import { describe, expect, it } from 'vitest';
import type { Example } from '../../../data/example';
import { filterExamples, NO_FILTER, pageCount, pageOf } from './example-filter';

const ex = (i: number, over: Partial<Example>): Example => ({
  index: i, dataSource: '', question: `q${i}`, answer: `a${i}`, topic: 'T', language: 'en', regions: [], references: {}, prompt: [], ...over,
});
const data = [
  ex(0, { topic: 'Science', language: 'de', question: 'Was ist Gold?' }),
  ex(1, { topic: 'Regional Knowledge', regions: ['China'], language: 'zh', references: { en: 'Beijing' } }),
  ex(2, { topic: 'Regional Knowledge', regions: ['Japan', 'China'], language: 'ja' }),
];

describe('filterExamples', () => {
  it('filters by topic, language, region (including no region) and text in question/answer/references', () => {
    expect(filterExamples(data, NO_FILTER)).toHaveLength(3);
    expect(filterExamples(data, { ...NO_FILTER, topic: 'Regional Knowledge' }).map((e) => e.index)).toEqual([1, 2]);
    expect(filterExamples(data, { ...NO_FILTER, region: 'China' }).map((e) => e.index)).toEqual([1, 2]);
    expect(filterExamples(data, { ...NO_FILTER, region: '(none)' }).map((e) => e.index)).toEqual([0]);
    expect(filterExamples(data, { ...NO_FILTER, language: 'ja' }).map((e) => e.index)).toEqual([2]);
    expect(filterExamples(data, { ...NO_FILTER, text: 'GOLD' }).map((e) => e.index)).toEqual([0]);
    expect(filterExamples(data, { ...NO_FILTER, text: 'beijing' }).map((e) => e.index)).toEqual([1]);
    expect(filterExamples(data, { ...NO_FILTER, text: 'gold', topic: 'Translation' })).toEqual([]);
  });

  it('pages, clamping the page number', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    expect(pageCount(23, 10)).toBe(3);
    expect(pageCount(0, 10)).toBe(1);
    expect(pageOf(items, 2, 10)).toEqual([20, 21, 22]);
    expect(pageOf(items, 9, 10)).toEqual([20, 21, 22]);
    expect(pageOf(items, -1, 10)).toEqual(items.slice(0, 10));
  });
});
