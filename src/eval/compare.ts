// Comparing prediction sources (models) on the same questions: accuracy with 95% bootstrap
// intervals overall and per language x setting, label distributions, and a paired comparison of two
// sources (the questions that flipped, McNemar's exact test and mid-p, a paired bootstrap interval
// of the accuracy difference). Rows are paired by question id (qid, else id).
import { countKey, emptyCounts, NO_VALUE, type LabelCounts } from './metrics';
import { bootstrapMean, mcnemar, pairedBootstrapDiff, type BootstrapOptions, type Interval, type McNemarResult } from './stats';
import type { PredictionRow } from './types';

export interface ComparisonSource {
  name: string;
  rows: readonly PredictionRow[];
}

const questionKey = (r: PredictionRow): string => r.qid ?? r.id;
const isCorrect = (r: PredictionRow): number => (r.verdict?.label === 'CORRECT' ? 1 : 0);

/** Splits rows by their model column (rows without one form a source named `fallback`), in first-seen order. */
export function sourcesByModel(rows: readonly PredictionRow[], fallback: string): ComparisonSource[] {
  const by = new Map<string, PredictionRow[]>();
  for (const r of rows) {
    const k = r.model ?? fallback;
    let g = by.get(k);
    if (!g) by.set(k, (g = []));
    g.push(r);
  }
  return [...by].map(([name, rs]) => ({ name, rows: rs }));
}

export interface AccuracyCell extends Interval {
  source: string;
  /** 'overall', or "<language> · <setting>" */
  group: string;
  n: number;
  correct: number;
  /** rows without a verdict (they count in n as not correct, as in the summary) */
  unjudged: number;
  counts: LabelCounts;
}

export const OVERALL = 'overall';
const groupOf = (r: PredictionRow): string => `${r.language} · ${r.setting ?? NO_VALUE}`;

function cell(source: string, group: string, rows: readonly PredictionRow[], opts: BootstrapOptions): AccuracyCell {
  const counts = emptyCounts();
  for (const r of rows) counts[countKey(r)]++;
  const ci = bootstrapMean(rows.map(isCorrect), opts);
  return { source, group, n: rows.length, correct: counts.CORRECT, unjudged: counts.UNJUDGED, counts, ...ci };
}

/**
 * Accuracy of every source overall and per language x setting, each with a percentile bootstrap
 * interval (resampling that group's questions; the seed is shared, so the table is reproducible).
 */
export function accuracyTable(sources: readonly ComparisonSource[], opts: BootstrapOptions = {}): AccuracyCell[] {
  const groups = [...new Set(sources.flatMap((s) => s.rows.map(groupOf)))].sort();
  const out: AccuracyCell[] = [];
  for (const s of sources) {
    out.push(cell(s.name, OVERALL, s.rows, opts));
    for (const g of groups) {
      const rows = s.rows.filter((r) => groupOf(r) === g);
      if (rows.length) out.push(cell(s.name, g, rows, opts));
    }
  }
  return out;
}

export type FlipKind = 'gained' | 'lost' | 'both-correct' | 'both-wrong';

export interface PairedItem {
  qid: string;
  a: PredictionRow;
  b: PredictionRow;
  kind: FlipKind;
}

export interface PairedComparison {
  a: string;
  b: string;
  /** questions both sources answered */
  n: number;
  /** questions only one of the sources has (left out of the comparison) */
  unpaired: number;
  bothCorrect: number;
  bothWrong: number;
  /** wrong in a, correct in b */
  gained: number;
  /** correct in a, wrong in b */
  lost: number;
  accuracyA: number;
  accuracyB: number;
  /** accuracy(b) − accuracy(a) with a paired bootstrap interval */
  difference: Interval;
  /** McNemar on the discordant pairs: b = lost (only a right), c = gained (only b right) */
  mcnemar: McNemarResult;
  items: PairedItem[];
}

/** Pairs two sources by question and compares them (every unjudged row counts as not correct). */
export function comparePaired(a: ComparisonSource, b: ComparisonSource, opts: BootstrapOptions = {}): PairedComparison {
  const bByQ = new Map<string, PredictionRow>();
  for (const r of b.rows) if (!bByQ.has(questionKey(r))) bByQ.set(questionKey(r), r);
  const items: PairedItem[] = [];
  const seenQ = new Set<string>();
  for (const ra of a.rows) {
    const q = questionKey(ra);
    const rb = bByQ.get(q);
    if (!rb || seenQ.has(q)) continue;
    seenQ.add(q);
    const ca = isCorrect(ra);
    const cb = isCorrect(rb);
    const kind: FlipKind = ca && cb ? 'both-correct' : !ca && !cb ? 'both-wrong' : cb ? 'gained' : 'lost';
    items.push({ qid: q, a: ra, b: rb, kind });
  }
  const qa = new Set(a.rows.map(questionKey));
  const qb = new Set(b.rows.map(questionKey));
  const union = new Set([...qa, ...qb]).size;
  const count = (k: FlipKind) => items.filter((i) => i.kind === k).length;
  const n = items.length;
  const xa = items.map((i) => isCorrect(i.a));
  const xb = items.map((i) => isCorrect(i.b));
  const gained = count('gained');
  const lost = count('lost');
  return {
    a: a.name,
    b: b.name,
    n,
    unpaired: union - n,
    bothCorrect: count('both-correct'),
    bothWrong: count('both-wrong'),
    gained,
    lost,
    accuracyA: n ? xa.reduce((s, v) => s + v, 0) / n : NaN,
    accuracyB: n ? xb.reduce((s, v) => s + v, 0) / n : NaN,
    difference: n ? pairedBootstrapDiff(xa, xb, opts) : { estimate: NaN, lo: NaN, hi: NaN },
    mcnemar: mcnemar(lost, gained),
    items,
  };
}
