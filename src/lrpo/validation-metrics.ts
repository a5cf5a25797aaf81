// Validation metrics under verl's names: val-core/<data_source>/reward/mean@1 for the core variable
// (the reward; one greedy answer per question, so @1), and val-aux/<data_source>/<var>/mean@1 for
// the other variables (our exact-answer and language-match rates). One set per data source, as
// verl groups validation by `data_source`.

import type { Example } from '../data/example';
import type { LangScore } from './heldout-eval';

/** verl's name for a row without a data source */
const UNKNOWN_SOURCE = 'unknown';

/** The validation examples by data source, in first-seen order. */
export function byDataSource<T extends Pick<Example, 'dataSource'>>(examples: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const e of examples) {
    const ds = e.dataSource || UNKNOWN_SOURCE;
    if (!out.has(ds)) out.set(ds, []);
    out.get(ds)!.push(e);
  }
  return out;
}

export function validationMetrics(dataSource: string, s: Pick<LangScore, 'reward' | 'exact' | 'langMatch'>): Record<string, number> {
  const ds = dataSource || UNKNOWN_SOURCE;
  return {
    [`val-core/${ds}/reward/mean@1`]: s.reward,
    [`val-aux/${ds}/exact_answer/mean@1`]: s.exact,
    [`val-aux/${ds}/lang_match/mean@1`]: s.langMatch,
  };
}
