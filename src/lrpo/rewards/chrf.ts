// chrF: character n-gram F-score (Popović 2015) with sacrebleu's definition and defaults
// (char_order 6, word_order 0, beta 2, whitespace excluded, case kept, no eps smoothing).
//
// Exactly what is computed (sacrebleu CHRF, `_compute_f_score` without eps smoothing):
//  1. All whitespace is removed from both strings (Python's `''.join(s.split())`), and the strings
//     are taken as sequences of Unicode code points (not UTF-16 units, so "😀" is one character).
//  2. For each order n = 1..nOrder: multisets of character n-grams of hypothesis and reference;
//     hyp_n = #hyp n-grams, ref_n = #ref n-grams, match_n = size of the multiset intersection;
//     as sacrebleu 2.x (`_get_match_statistics`: "don't count hits if no reference exists"),
//     hyp_n is 0 for an order the reference lacks (reference shorter than n). A sentence score is
//     the same either way (such an order is not effective); a corpus score is not, as the sums differ.
//  3. An order is "effective" when hyp_n > 0 and ref_n > 0. Precision P_n = match_n / hyp_n and
//     recall R_n = match_n / ref_n are averaged (arithmetic mean) over the effective orders only:
//     P = mean P_n, R = mean R_n (both 0 when no order is effective). sacrebleu 2.x adds 1e-16 for
//     non-effective orders' precision before dividing by the effective count; that changes the score
//     by < 1e-15 and is left out.
//  4. chrF = (1 + beta²) P R / (beta² P + R), 0 when P + R = 0. sacrebleu reports 100 × this; we keep
//     it in [0, 1].
// Corpus chrF (sacrebleu corpus_score) sums the per-order statistics over sentences before step 3.

export interface ChrFOptions {
  nOrder?: number;
  beta?: number;
}

/** Per order n (index n-1): [hyp n-grams, ref n-grams, matching n-grams]. */
export type ChrFStatistics = [number, number, number][];

/** Whitespace-free text and the UTF-16 offset of each code point (plus the end offset). */
function codePointText(text: string): { str: string; at: number[] } {
  const str = text.replace(/\s+/gu, '');
  const at: number[] = [];
  for (let i = 0; i < str.length; i++) {
    at.push(i);
    const c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  at.push(str.length);
  return { str, at };
}

function ngramCounts(t: { str: string; at: number[] }, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  const len = t.at.length - 1;
  for (let i = 0; i + n <= len; i++) {
    const g = t.str.slice(t.at[i], t.at[i + n]);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/** The n-gram statistics of one hypothesis/reference pair (whitespace removed). */
export function chrFStatistics(hypothesis: string, reference: string, nOrder = 6): ChrFStatistics {
  const hyp = codePointText(hypothesis);
  const ref = codePointText(reference);
  const hypLen = hyp.at.length - 1;
  const refLen = ref.at.length - 1;
  const stats: ChrFStatistics = [];
  for (let n = 1; n <= nOrder; n++) {
    const h = ngramCounts(hyp, n);
    const r = ngramCounts(ref, n);
    let match = 0;
    for (const [g, c] of h) match += Math.min(c, r.get(g) ?? 0);
    const refN = Math.max(0, refLen - n + 1);
    stats.push([refN > 0 ? Math.max(0, hypLen - n + 1) : 0, refN, match]);
  }
  return stats;
}

/** chrF in [0, 1] from (possibly summed) statistics; see the header for the averaging. */
function chrFFromStatistics(stats: ChrFStatistics, beta = 2): number {
  let p = 0;
  let r = 0;
  let effective = 0;
  for (const [hypN, refN, match] of stats) {
    if (hypN > 0 && refN > 0) {
      p += match / hypN;
      r += match / refN;
      effective++;
    }
  }
  if (effective === 0) return 0;
  p /= effective;
  r /= effective;
  if (p + r === 0) return 0;
  const b2 = beta * beta;
  return ((1 + b2) * p * r) / (b2 * p + r);
}

/** Sentence chrF of a hypothesis against one reference, in [0, 1]. */
export function chrF(hypothesis: string, reference: string, opts: ChrFOptions = {}): number {
  const nOrder = opts.nOrder ?? 6;
  const beta = opts.beta ?? 2;
  if (!Number.isInteger(nOrder) || nOrder < 1) throw new Error(`chrF: nOrder must be a positive integer, got ${nOrder}`);
  if (!(beta > 0)) throw new Error(`chrF: beta must be positive, got ${beta}`);
  return chrFFromStatistics(chrFStatistics(hypothesis, reference, nOrder), beta);
}

/** Corpus chrF: statistics summed over the pairs, then one score (sacrebleu corpus_score). */
export function corpusChrF(pairs: readonly [string, string][], opts: ChrFOptions = {}): number {
  const nOrder = opts.nOrder ?? 6;
  const total: ChrFStatistics = Array.from({ length: nOrder }, () => [0, 0, 0]);
  for (const [h, r] of pairs) {
    const s = chrFStatistics(h, r, nOrder);
    for (let i = 0; i < nOrder; i++) for (let k = 0; k < 3; k++) total[i][k] += s[i][k];
  }
  return chrFFromStatistics(total, opts.beta ?? 2);
}

/**
 * The `match` backend's similarity in [-1, 1]: s = 2·chrF − 1, an affine map so that identical
 * texts give 1, texts sharing no character give −1, and the spec's calibration and
 * r = clamp((s_cal + 1) / 2, 0, 1) apply unchanged (without calibration r equals chrF).
 */
export function chrFSimilarity(response: string, reference: string): number {
  return 2 * chrF(response, reference) - 1;
}
