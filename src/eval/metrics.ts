// Scores judged rows: accuracy = #CORRECT / N over every loaded row (unjudged and UNPARSEABLE rows
// count in N and never as correct), the label distribution, and the same per language, region,
// setting and seen/unseen language. All counts are exact integers.
import { VERDICT_LABELS, type VerdictLabel } from './labels';
import type { DetectedLanguage, PredictionRow } from './types';

export type CountKey = VerdictLabel | 'UNJUDGED';
export const COUNT_KEYS: readonly CountKey[] = [...VERDICT_LABELS, 'UNJUDGED'];
export type LabelCounts = Record<CountKey, number>;

export interface GroupStats {
  key: string;
  n: number;
  correct: number;
  /** correct / n (0 when n = 0) */
  accuracy: number;
  counts: LabelCounts;
}

export interface Summary {
  overall: GroupStats;
  byLanguage: GroupStats[];
  byRegion: GroupStats[];
  bySetting: GroupStats[];
  /** 'seen' and 'unseen' groups (only those with rows) */
  bySeen: GroupStats[];
  seenLanguages: string[];
  /** rows whose prediction the detector assigns to another language than the question's */
  languageMismatches: number;
  /** rows the detector gave a language for (the mismatch count is out of these) */
  detectorChecked: number;
}

export const NO_VALUE = '(none)';

export function emptyCounts(): LabelCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as LabelCounts;
}

export function countKey(row: PredictionRow): CountKey {
  return row.verdict?.label ?? 'UNJUDGED';
}

function groupStats(key: string, rows: readonly PredictionRow[]): GroupStats {
  const counts = emptyCounts();
  for (const r of rows) counts[countKey(r)]++;
  const n = rows.length;
  return { key, n, correct: counts.CORRECT, accuracy: n ? counts.CORRECT / n : 0, counts };
}

/** Groups rows by a key and returns stats per group, sorted by key (NO_VALUE last). */
export function breakdown(rows: readonly PredictionRow[], keyOf: (r: PredictionRow) => string | null): GroupStats[] {
  const groups = new Map<string, PredictionRow[]>();
  for (const r of rows) {
    const k = keyOf(r) ?? NO_VALUE;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === NO_VALUE ? 1 : b === NO_VALUE ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => groupStats(k, groups.get(k)!));
}

/**
 * Least detector probability for the language flag: fastText is unsure on very short answers
 * (names, single words), and a flag is meant to point an auditor at answers that are clearly in
 * another language. Every detection is still exported with its probability.
 */
export const FLAG_MIN_PROB = 0.5;

/** True when the detector names, with p >= FLAG_MIN_PROB, a language other than the question's. */
export function languageFlag(row: PredictionRow, detected: DetectedLanguage | null | undefined): boolean {
  return !!detected && detected.lang !== null && detected.lang !== row.language && detected.prob >= FLAG_MIN_PROB;
}

export function summarize(
  rows: readonly PredictionRow[],
  seenLanguages: readonly string[] = [],
  detections?: ReadonlyMap<string, DetectedLanguage | null>,
): Summary {
  const seen = new Set(seenLanguages);
  let mismatches = 0;
  let checked = 0;
  if (detections) {
    for (const r of rows) {
      const d = detections.get(r.id);
      if (d && d.lang !== null) {
        checked++;
        if (languageFlag(r, d)) mismatches++;
      }
    }
  }
  return {
    overall: groupStats('all', rows),
    byLanguage: breakdown(rows, (r) => r.language),
    byRegion: breakdown(rows, (r) => r.region),
    bySetting: breakdown(rows, (r) => r.setting),
    bySeen: breakdown(rows, (r) => (seen.has(r.language) ? 'seen' : 'unseen')),
    seenLanguages: [...seen].sort(),
    languageMismatches: mismatches,
    detectorChecked: checked,
  };
}
