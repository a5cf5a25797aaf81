// Chart rows for the playground, from the simulation series (pure; downsampled to at most
// `max` points so a 10,000-step run draws as fast as a 100-step one).

import type { ColumnSeries } from '../../store/playground-store';

export const MAX_POINTS = 240;

/** Indices 0..n-1 evenly thinned to at most `max`, always keeping the last. */
export function sampleIndices(n: number, max = MAX_POINTS): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let j = 0; j < max; j++) out.push(Math.round((j * (n - 1)) / (max - 1)));
  return out;
}

/** Effective probabilities of one context over steps: rows {step, <lang>: p}. */
export function probabilityRows(s: ColumnSeries, context: number, languages: readonly string[]): Record<string, number>[] {
  const L = languages.length;
  return sampleIndices(s.effective.length).map((i) => {
    const row: Record<string, number> = { step: i + 1 };
    const eff = s.effective[i];
    languages.forEach((l, k) => (row[l] = eff[context * L + k]));
    return row;
  });
}

export function scheduleRows(s: ColumnSeries): { step: number; tau: number; eps: number }[] {
  return sampleIndices(s.tau.length).map((i) => ({ step: i + 1, tau: s.tau[i], eps: s.eps[i] }));
}

/** One row per sampled step, one key per column ("r0", "r1", ...). */
export function regretRows(series: readonly ColumnSeries[]): Record<string, number>[] {
  const n = Math.max(0, ...series.map((s) => s.cumRegret.length));
  return sampleIndices(n).map((i) => {
    const row: Record<string, number> = { step: i + 1 };
    series.forEach((s, k) => {
      if (i < s.cumRegret.length) row[`r${k}`] = s.cumRegret[i];
    });
    return row;
  });
}

/** Share of routed rollouts per language, for one context or (context = null) all of them. */
export function shareRows(s: ColumnSeries, context: number | null, languages: readonly string[]): { lang: string; share: number; count: number }[] {
  const L = languages.length;
  const C = s.routedCounts.length / L || 0;
  const counts = languages.map((_, l) => {
    let n = 0;
    for (let c = 0; c < C; c++) if (context === null || c === context) n += s.routedCounts[c * L + l];
    return n;
  });
  const total = counts.reduce((a, b) => a + b, 0);
  return languages.map((lang, l) => ({ lang, count: counts[l], share: total ? counts[l] / total : 0 }));
}

/** Fraction of the last `window` steps where the router's top choice was the true best. */
export function hitRate(s: ColumnSeries, context: number, window = 50): number | null {
  const n = s.topChoice.length;
  if (!n) return null;
  let hits = 0, total = 0;
  for (let i = Math.max(0, n - window); i < n; i++) {
    total++;
    if (s.topChoice[i][context] === s.best[i][context]) hits++;
  }
  return hits / total;
}
