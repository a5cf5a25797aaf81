// Predictions generated in the studio form a second prediction source beside the loaded file's:
// the same questions, targets, languages, regions and settings, with the model's answers in the
// prediction column and verdicts of their own (a file's judge label judged the file's prediction,
// so it never carries over). Questions that were not generated (no tag for their language, or a
// cancelled run) are not part of this source: its scores cover the generated rows only, and the
// view says how many were left out and why.
import type { PredictionRow, Verdict } from './types';

export type PredictionSourceKind = 'file' | 'generated';

export interface SkippedQuestion {
  id: string;
  language: string;
}

export interface GeneratedSource {
  /** what produced them, e.g. "run model at step 0 (webgpu) · tag mode · greedy · ≤ 32 new tokens" */
  label: string;
  /** row id -> generated text */
  predictions: ReadonlyMap<string, string>;
  /** questions left out because their language has no tag in the model's tokenizer */
  skipped: readonly SkippedQuestion[];
  /** questions the model was asked (the loaded rows minus the skipped ones) */
  requested: number;
  /** true when the user cancelled: `predictions` holds the finished batches */
  cancelled: boolean;
  /** predictions cut at the max new tokens (or the context) before the model ended them */
  hitLimit: number;
}

/** The generated source's rows: file rows that have a generated prediction, with that prediction. */
export function generatedRows(fileRows: readonly PredictionRow[], g: GeneratedSource, verdicts?: ReadonlyMap<string, Verdict>): PredictionRow[] {
  const out: PredictionRow[] = [];
  for (const r of fileRows) {
    const text = g.predictions.get(r.id);
    if (text === undefined) continue;
    // the file's verdict, labels and model belong to the file's prediction, not to the generated one
    const { verdict: _fileVerdict, fileLabels: _labels, model: _model, noPrediction: _none, ...rest } = r;
    void _fileVerdict, void _labels, void _model, void _none;
    const v = verdicts?.get(r.id);
    out.push(v ? { ...rest, prediction: text, verdict: v } : { ...rest, prediction: text });
  }
  return out;
}

/** "3 questions (hi ×2, sw ×1)": the skipped questions counted by language, most first. */
export function describeSkipped(skipped: readonly SkippedQuestion[]): string {
  const by = new Map<string, number>();
  for (const s of skipped) by.set(s.language, (by.get(s.language) ?? 0) + 1);
  const parts = [...by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l, n]) => `${l} ×${n}`);
  return `${skipped.length} question${skipped.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}
