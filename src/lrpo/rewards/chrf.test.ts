import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chrF, chrFSimilarity, chrFStatistics, corpusChrF } from './chrf';

describe('chrF (sacrebleu definition, beta 2, n = 1..6)', () => {
  it('matches a hand computation on short strings', () => {
    // "ab" vs "abc": n=1 P=2/2 R=2/3; n=2 P=1/1 R=1/2; n>=3 not effective (hyp has none).
    // P = 1, R = (2/3 + 1/2) / 2 = 7/12; F2 = 5 P R / (4 P + R) = (35/12) / (55/12) = 7/11.
    expect(chrF('ab', 'abc')).toBeCloseTo(7 / 11, 14);
    // symmetric case: "abc" vs "ab": P = 7/12, R = 1 -> 5 (7/12) / (4 (7/12) + 1) = (35/12) / (40/12) = 7/8
    expect(chrF('abc', 'ab')).toBeCloseTo(7 / 8, 14);
  });

  it('counts n-gram multisets with clipping', () => {
    // "aaa" vs "aa": n=1 hyp 3 ref 2 match 2; n=2 hyp 2 ref 1 match 1; n=3 ref 0, so hyp counts 0 (sacrebleu 2.x).
    expect(chrFStatistics('aaa', 'aa', 3)).toEqual([[3, 2, 2], [2, 1, 1], [0, 0, 0]]);
    // P = (2/3 + 1/2)/2 = 7/12, R = 1 -> 7/8
    expect(chrF('aaa', 'aa')).toBeCloseTo(7 / 8, 14);
  });

  it('removes whitespace and works on code points', () => {
    expect(chrF('a b\tc\n', 'abc')).toBe(1);
    expect(chrF('东京 是 首都', '东京是首都')).toBe(1);
    // "😀😀" vs "😀": two code points vs one (not four vs two UTF-16 units):
    // n=1 P=1/2 R=1; n=2 not effective -> 5 (1/2) / (4 (1/2) + 1) = 5/6
    expect(chrF('😀😀', '😀')).toBeCloseTo(5 / 6, 14);
  });

  it('is 0 for empty or disjoint text and 1 for identical text', () => {
    expect(chrF('', 'abc')).toBe(0);
    expect(chrF('abc', '')).toBe(0);
    expect(chrF('   ', '  ')).toBe(0);
    expect(chrF('xyz', 'abc')).toBe(0);
    expect(chrF('Guten Tag', 'Guten Tag')).toBe(1);
  });

  it('reproduces published sacrebleu outputs', () => {
    // sacrebleu CHRF() sentence/corpus scores quoted in the HF `chrf` metric card (score / 100).
    const hyp = 'The relationship between Obama and Netanyahu is not exactly friendly.';
    const ref = 'The ties between Obama and Netanyahu are not particularly friendly.';
    expect(chrF(hyp, ref)).toBeCloseTo(0.61576379378113785, 12);
    const corpus = corpusChrF([
      ['The relationship between cats and dogs is not exactly friendly.', 'The relationship between dogs and cats is not exactly friendly.'],
      ['a good bookshop is just a genteel black hole that knows how to read.', 'A good bookshop is just a genteel Black Hole that knows how to read.'],
    ]);
    expect(corpus).toBeCloseTo(0.8464214891738334, 12);
  });

  it('corpus chrF: an order the reference lacks adds no hypothesis n-grams (sacrebleu 2.x)', () => {
    // ("abcdef", "abcdef") and ("abcdef", "ab"): the second reference has no 3- to 6-grams, so its
    // hypothesis 3..6-grams are not counted. Summed [hyp, ref, match] per order:
    // n1 [12, 8, 8], n2 [10, 6, 6], n3..n6 [4,4,4], [3,3,3], [2,2,2], [1,1,1]
    expect(chrFStatistics('abcdef', 'ab')).toEqual([[6, 2, 2], [5, 1, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    const P = (8 / 12 + 6 / 10 + 4) / 6;
    const R = 1;
    expect(corpusChrF([['abcdef', 'abcdef'], ['abcdef', 'ab']])).toBeCloseTo((5 * P * R) / (4 * P + R), 15);
    // counting them (sacrebleu 1.x) would give n3..n6 precision 1/2: a different score
    const old = (8 / 12 + 6 / 10 + 2) / 6;
    expect(corpusChrF([['abcdef', 'abcdef'], ['abcdef', 'ab']])).not.toBeCloseTo((5 * old) / (4 * old + 1), 3);
    // sentence scores do not change: ("abcdef", "ab") has P = (2/6 + 1/5) / 2, R = 1
    const p2 = (2 / 6 + 1 / 5) / 2;
    expect(chrF('abcdef', 'ab')).toBeCloseTo((5 * p2) / (4 * p2 + 1), 15);
  });

  it('honours nOrder and beta', () => {
    // nOrder 1, beta 1: "ab" vs "abc" -> P = 1, R = 2/3, F1 = 2 P R / (P + R) = 0.8
    expect(chrF('ab', 'abc', { nOrder: 1, beta: 1 })).toBeCloseTo(0.8, 14);
    expect(() => chrF('a', 'a', { nOrder: 0 })).toThrow(/nOrder/);
  });

  it('maps chrF to a similarity in [-1, 1] as 2 chrF - 1', () => {
    expect(chrFSimilarity('abc', 'abc')).toBe(1);
    expect(chrFSimilarity('xyz', 'abc')).toBe(-1);
    expect(chrFSimilarity('ab', 'abc')).toBeCloseTo(2 * (7 / 11) - 1, 14);
  });
});

// An independent, deliberately naive statement of the same definition, for property checks.
function naiveChrF(h: string, r: string, nOrder = 6, beta = 2): number {
  const H = Array.from(h.replace(/\s+/gu, ''));
  const R = Array.from(r.replace(/\s+/gu, ''));
  let P = 0;
  let Rc = 0;
  let eff = 0;
  for (let n = 1; n <= nOrder; n++) {
    const hg = H.slice(0, Math.max(0, H.length - n + 1)).map((_, i) => H.slice(i, i + n).join(''));
    const rg = R.slice(0, Math.max(0, R.length - n + 1)).map((_, i) => R.slice(i, i + n).join(''));
    if (!hg.length || !rg.length) continue;
    const left = [...rg];
    let match = 0;
    for (const g of hg) {
      const k = left.indexOf(g);
      if (k >= 0) {
        match++;
        left.splice(k, 1);
      }
    }
    P += match / hg.length;
    Rc += match / rg.length;
    eff++;
  }
  if (!eff) return 0;
  P /= eff;
  Rc /= eff;
  return P + Rc === 0 ? 0 : ((1 + beta * beta) * P * Rc) / (beta * beta * P + Rc);
}

describe('chrF properties (fast-check)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '东', '😀', '\n'), maxLength: 30 });
  it('agrees with a naive implementation, stays in [0, 1], and is 1 on identical text', () => {
    fc.assert(
      fc.property(text, text, (h, r) => {
        const v = chrF(h, r);
        expect(v).toBeCloseTo(naiveChrF(h, r), 12);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1 + 1e-15);
        if (h.trim()) expect(chrF(h, h)).toBeCloseTo(1, 15);
        expect(corpusChrF([[h, r]])).toBe(v);
      }),
      { numRuns: 400 },
    );
  });
});
