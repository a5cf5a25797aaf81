// The sources the Compare panel compares: the file's predictions split by its model column (one
// source when it has none, named after the file) and the predictions generated in the studio.
import { sourcesByModel, type ComparisonSource } from '../../../eval/compare';
import type { EvalStoreState } from '../../store/eval-store';
import { fileRowsOf, generatedRowsOf } from './prediction-sources';

/** Bootstrap settings of every interval the view shows (and writes into the CSV). */
export const BOOTSTRAP = { samples: 2000, seed: 1 };

export function comparisonSources(s: Pick<EvalStoreState, 'rows' | 'otherRows' | 'predictionSource' | 'generated' | 'source'>): ComparisonSource[] {
  const file = fileRowsOf(s).filter((r) => !r.noPrediction);
  const out = sourcesByModel(file, s.source?.fileName ?? 'file');
  if (s.generated) out.push({ name: 'generated', rows: generatedRowsOf(s) });
  return out;
}
