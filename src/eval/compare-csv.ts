// The comparison table (accuracy per source and group with its bootstrap interval and label counts)
// and a paired comparison's items as CSV.
import { writeCsv } from '../data/csv';
import type { AccuracyCell, PairedComparison } from './compare';
import { COUNT_KEYS } from './metrics';

const COMPARISON_COLUMNS = ['source', 'group', 'n', 'correct', 'accuracy', 'ci95_low', 'ci95_high', ...COUNT_KEYS, 'bootstrap_samples', 'bootstrap_seed'] as const;

export function comparisonToCsv(cells: readonly AccuracyCell[], bootstrap: { samples: number; seed: number }): string {
  return writeCsv([
    [...COMPARISON_COLUMNS],
    ...cells.map((c) => [
      c.source, c.group, String(c.n), String(c.correct), String(c.estimate), String(c.lo), String(c.hi),
      ...COUNT_KEYS.map((k) => String(c.counts[k])), String(bootstrap.samples), String(bootstrap.seed),
    ]),
  ]);
}

export function pairedItemsToCsv(p: PairedComparison): string {
  return writeCsv([
    ['qid', 'kind', 'language', 'setting', 'question', 'target', `prediction_${p.a}`, `label_${p.a}`, `prediction_${p.b}`, `label_${p.b}`],
    ...p.items.map((i) => [
      i.qid, i.kind, i.a.language, i.a.setting ?? '', i.a.question, i.a.target,
      i.a.prediction, i.a.verdict?.label ?? 'UNJUDGED', i.b.prediction, i.b.verdict?.label ?? 'UNJUDGED',
    ]),
  ]);
}
