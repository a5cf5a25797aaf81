// The Evaluate view's two prediction sources (the file's and the studio-generated ones) as the
// saved session sees them: each source's verdicts are kept apart, so a reload restores both and a
// verdict never moves to the other source's prediction.
import { generatedRows } from '../../../eval/generated-source';
import type { PredictionRow, Verdict } from '../../../eval/types';
import type { SavedGenerated } from '../../store/eval-session';
import { useEvalStore, type EvalStoreState } from '../../store/eval-store';

type Sources = Pick<EvalStoreState, 'rows' | 'otherRows' | 'predictionSource' | 'generated'>;

export function fileRowsOf(s: Sources): PredictionRow[] {
  return s.predictionSource === 'file' ? s.rows : s.otherRows;
}

export function generatedRowsOf(s: Sources): PredictionRow[] {
  return s.predictionSource === 'generated' ? s.rows : s.otherRows;
}

const judged = (rows: readonly PredictionRow[]) =>
  rows.filter((r) => r.verdict && r.verdict.model !== 'input').map((r) => [r.id, r.verdict!] as [string, Verdict]);

/** What the session stores: the file source's verdicts and the generated source (if any). */
export function savedSources(s: Sources): { verdicts: [string, Verdict][]; generated?: SavedGenerated } {
  const verdicts = judged(fileRowsOf(s));
  if (!s.generated) return { verdicts };
  const g = s.generated;
  return {
    verdicts,
    generated: { ...g, predictions: [...g.predictions], skipped: [...g.skipped], verdicts: judged(generatedRowsOf(s)), active: s.predictionSource === 'generated' },
  };
}

/** Re-creates a saved generated source over the (already restored) file rows. */
export function restoreGenerated(saved: SavedGenerated | undefined): void {
  if (!saved || !Array.isArray(saved.predictions)) return;
  const st = useEvalStore.getState();
  const { verdicts, active, ...rest } = saved;
  const g = { ...rest, predictions: new Map(saved.predictions) };
  st.setGenerated(g, generatedRows(fileRowsOf(st), g, new Map(verdicts)));
  if (!active) useEvalStore.getState().switchPredictionSource('file');
}
