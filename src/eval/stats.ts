// Statistics for comparing judged prediction sources: percentile bootstrap intervals (seeded),
// McNemar's test for paired correct/incorrect outcomes (exact binomial and mid-p), a paired
// bootstrap of an accuracy difference, and Cohen's kappa with its confusion matrix.
import { Rng } from '../engine/rng';

export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}

export interface BootstrapOptions {
  /** resamples (default 2000) */
  samples?: number;
  /** seed of the resampling RNG (default 1): the same data and seed give the same interval */
  seed?: number;
  /** coverage (default 0.95) */
  level?: number;
}

/** Linear-interpolation quantile of sorted values (numpy's default, "type 7"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const i = Math.floor(h);
  const f = h - i;
  return i + 1 < n ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i];
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}

/**
 * Percentile bootstrap interval of a statistic over n items: each resample draws n item indices
 * with replacement and evaluates `stat` on them.
 */
function bootstrapInterval(n: number, stat: (idx: Uint32Array) => number, estimate: number, opts: BootstrapOptions = {}): Interval {
  const samples = opts.samples ?? 2000;
  const level = opts.level ?? 0.95;
  if (n === 0) return { estimate: NaN, lo: NaN, hi: NaN };
  const rng = new Rng(opts.seed ?? 1);
  const idx = new Uint32Array(n);
  const stats = new Float64Array(samples);
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    stats[b] = stat(idx);
  }
  stats.sort();
  const a = (1 - level) / 2;
  return { estimate, lo: quantileSorted(stats, a), hi: quantileSorted(stats, 1 - a) };
}

/** Mean of 0/1 outcomes (accuracy) with a percentile bootstrap interval. */
export function bootstrapMean(values: ArrayLike<number>, opts: BootstrapOptions = {}): Interval {
  const n = values.length;
  return bootstrapInterval(
    n,
    (idx) => {
      let s = 0;
      for (let i = 0; i < idx.length; i++) s += values[idx[i]];
      return s / n;
    },
    mean(values),
    opts,
  );
}

/** Paired bootstrap of mean(b) - mean(a): the same items are resampled for both sources. */
export function pairedBootstrapDiff(a: ArrayLike<number>, b: ArrayLike<number>, opts: BootstrapOptions = {}): Interval {
  if (a.length !== b.length) throw new Error(`paired samples differ in length (${a.length} vs ${b.length})`);
  const n = a.length;
  const d = Float64Array.from({ length: n }, (_, i) => b[i] - a[i]);
  return bootstrapMean(d, opts);
}

/** log of n choose k */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X = k) for X ~ Binomial(n, 1/2) */
export function binomHalfPmf(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  return Math.exp(logChoose(n, k) - n * Math.LN2);
}

export interface McNemarResult {
  /** items only the first source got right */
  b: number;
  /** items only the second source got right */
  c: number;
  /** exact two-sided p: 2·P(X ≤ min(b, c)), X ~ Bin(b + c, 1/2), capped at 1 (1 when b + c = 0) */
  exactP: number;
  /** mid-p: the exact p minus P(X = min(b, c)) (Fagerland, Lydersen & Laake 2013) */
  midP: number;
  /** chi-square with continuity correction, (|b − c| − 1)² / (b + c) (0 when b + c = 0), for reference */
  chi2: number;
}

/** McNemar's test on the discordant pairs of two paired correct/incorrect outcomes. */
export function mcnemar(b: number, c: number): McNemarResult {
  const n = b + c;
  if (n === 0) return { b, c, exactP: 1, midP: 1, chi2: 0 };
  const k = Math.min(b, c);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += binomHalfPmf(n, i);
  const exactP = Math.min(1, 2 * tail);
  const midP = Math.min(1, 2 * tail - binomHalfPmf(n, k));
  const chi2 = Math.max(0, Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, exactP, midP, chi2 };
}

export interface KappaResult {
  categories: string[];
  /** matrix[i][j] = items the first rater put in categories[i] and the second in categories[j] */
  matrix: number[][];
  n: number;
  /** observed agreement */
  agreement: number;
  /** chance agreement from the two raters' marginals */
  expected: number;
  /** (agreement − expected) / (1 − expected); NaN when expected = 1 */
  kappa: number;
}

/** Cohen's kappa of two raters' labels for the same items, over the given categories. */
export function cohenKappa(first: readonly string[], second: readonly string[], categories: readonly string[]): KappaResult {
  if (first.length !== second.length) throw new Error(`the raters labelled different numbers of items (${first.length} vs ${second.length})`);
  const cats = [...categories];
  const at = new Map(cats.map((c, i) => [c, i]));
  const matrix = cats.map(() => cats.map(() => 0));
  first.forEach((x, i) => {
    const r = at.get(x);
    const c = at.get(second[i]);
    if (r === undefined || c === undefined) throw new Error(`label '${r === undefined ? x : second[i]}' is not one of ${cats.join(', ')}`);
    matrix[r][c]++;
  });
  const n = first.length;
  let agree = 0;
  let expected = 0;
  for (let i = 0; i < cats.length; i++) {
    agree += matrix[i][i];
    const row = matrix[i].reduce((s, v) => s + v, 0);
    const col = matrix.reduce((s, r) => s + r[i], 0);
    expected += n ? (row / n) * (col / n) : 0;
  }
  const agreement = n ? agree / n : NaN;
  const kappa = expected === 1 ? NaN : (agreement - expected) / (1 - expected);
  return { categories: cats, matrix, n, agreement, expected, kappa };
}
