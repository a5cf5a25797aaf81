// Downloads judged rows and the summary as CSV or JSONL (built from rows and scores only, so the
// API key can never be in them).
import { rowsToCsv, rowsToJsonl, summaryToCsv, summaryToJsonl } from '../../../eval/export';
import type { Summary } from '../../../eval/metrics';
import { downloadFile } from '../../export/download';
import { useEvalStore } from '../../store/eval-store';

export function ExportPanel({ summary }: { summary: Summary }) {
  const rows = useEvalStore((s) => s.rows);
  const source = useEvalStore((s) => s.source);
  const seen = useEvalStore((s) => s.seen);
  const detections = useEvalStore((s) => s.detections);
  const model = useEvalStore((s) => s.model);
  const generated = useEvalStore((s) => (s.predictionSource === 'generated' ? s.generated : null));
  // the generated source's exports are named and labelled as such, never mistaken for the file's predictions
  const base = (source?.fileName ?? 'predictions').replace(/\.[^.]+$/, '') + (generated ? '-generated' : '');
  const ctx = { seenLanguages: seen, detections };
  return (
    <div className="panel">
      <h3>Export</h3>
      <div className="row">
        <button onClick={() => downloadFile(`${base}-judged.jsonl`, rowsToJsonl(rows, ctx), 'application/x-ndjson')}>Judged rows (JSONL)</button>
        <button onClick={() => downloadFile(`${base}-judged.csv`, rowsToCsv(rows, ctx), 'text/csv')}>Judged rows (CSV)</button>
        <button onClick={() => downloadFile(`${base}-summary.csv`, summaryToCsv(summary), 'text/csv')}>Summary (CSV)</button>
        <button onClick={() => downloadFile(`${base}-summary.jsonl`, summaryToJsonl(summary, { judge_model: model || null, prediction_source: generated ? `generated: ${generated.label}` : 'file' }), 'application/x-ndjson')}>
          Summary (JSONL)
        </button>
      </div>
    </div>
  );
}
