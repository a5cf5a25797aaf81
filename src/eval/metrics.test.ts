import { describe, expect, it } from 'vitest';
import type { VerdictLabel } from './labels';
import { breakdown, summarize } from './metrics';
import type { PredictionRow, Setting } from './types';

function row(i: number, language: string, region: string | null, setting: Setting | null, label?: VerdictLabel): PredictionRow {
  return {
    id: `r${i}`, index: i, question: 'q', target: 't', prediction: 'p', language, region, setting,
    verdict: label ? { label, raw: label, model: 'm' } : undefined,
  };
}

// Hand-computed: 8 rows, 3 CORRECT -> 3/8.
const rows = [
  row(0, 'zh', 'China', 'local-insider', 'CORRECT'),
  row(1, 'zh', 'China', 'cross-cultural', 'CORRECT_BUT_WRONG_LANGUAGE'),
  row(2, 'zh', 'Taiwan', 'local-insider', 'INCORRECT'),
  row(3, 'hi', 'India', 'local-insider', 'CORRECT'),
  row(4, 'hi', 'India', 'cross-cultural', 'NOT_ATTEMPTED'),
  row(5, 'hi', null, 'cross-cultural', 'UNPARSEABLE'),
  row(6, 'es', 'Spain', null),
  row(7, 'es', 'Spain', 'cross-cultural', 'CORRECT'),
];

describe('summarize', () => {
  const s = summarize(rows, ['zh', 'es']);
  it('accuracy is CORRECT / N over all rows, unjudged and unparseable included in N', () => {
    expect(s.overall.n).toBe(8);
    expect(s.overall.correct).toBe(3);
    expect(s.overall.accuracy).toBe(3 / 8);
    expect(s.overall.counts).toEqual({
      CORRECT: 3, CORRECT_BUT_WRONG_LANGUAGE: 1, INCORRECT: 1, NOT_ATTEMPTED: 1, UNPARSEABLE: 1, UNJUDGED: 1,
    });
  });
  it('breaks down by language with exact counts', () => {
    expect(s.byLanguage.map((g) => [g.key, g.n, g.correct, g.accuracy])).toEqual([
      ['es', 2, 1, 1 / 2],
      ['hi', 3, 1, 1 / 3],
      ['zh', 3, 1, 1 / 3],
    ]);
  });
  it('breaks down by region (missing region last) and setting', () => {
    expect(s.byRegion.map((g) => [g.key, g.n, g.correct])).toEqual([
      ['China', 2, 1], ['India', 2, 1], ['Spain', 2, 1], ['Taiwan', 1, 0], ['(none)', 1, 0],
    ]);
    expect(s.bySetting.map((g) => [g.key, g.n, g.correct])).toEqual([
      ['cross-cultural', 4, 1], ['local-insider', 3, 2], ['(none)', 1, 0],
    ]);
  });
  it('splits seen and unseen languages', () => {
    expect(s.bySeen.map((g) => [g.key, g.n, g.correct])).toEqual([['seen', 5, 2], ['unseen', 3, 1]]);
    expect(s.seenLanguages).toEqual(['es', 'zh']);
  });
  it('group counts add up to the overall counts', () => {
    for (const groups of [s.byLanguage, s.byRegion, s.bySetting, s.bySeen]) {
      expect(groups.reduce((a, g) => a + g.n, 0)).toBe(8);
      expect(groups.reduce((a, g) => a + g.correct, 0)).toBe(3);
    }
  });
  it('counts detector disagreements only where the detector named a language', () => {
    const det = new Map([
      ['r0', { lang: 'zh', prob: 0.9 }],
      ['r1', { lang: 'en', prob: 0.8 }],
      ['r2', { lang: null, prob: 0 }],
      ['r3', { lang: 'en', prob: 0.3 }],
    ]);
    const s2 = summarize(rows, [], det);
    expect(s2.detectorChecked).toBe(3);
    // r3 differs but the detector is unsure (p < FLAG_MIN_PROB): not flagged
    expect(s2.languageMismatches).toBe(1);
  });
  it('empty input gives zero accuracy, not NaN', () => {
    expect(summarize([]).overall.accuracy).toBe(0);
    expect(breakdown([], (r) => r.language)).toEqual([]);
  });
});
