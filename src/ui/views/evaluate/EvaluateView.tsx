// Evaluate (CARE (Pro)): load predictions, judge them with an OpenAI-compatible LLM, score and
// break them down, click through to items, export.
import { useEffect, useMemo } from 'react';
import { summarize } from '../../../eval/metrics';
import { useEvalStore } from '../../store/eval-store';
import { AgreementPanel } from './AgreementPanel';
import { BenchmarkPanel } from './BenchmarkPanel';
import { ComparePanel } from './ComparePanel';
import { comparisonSources } from './comparison-sources';
import { EndpointPanel } from './EndpointPanel';
import { ExportPanel } from './ExportPanel';
import { GeneratePanel } from './GeneratePanel';
import { ItemsPanel } from './ItemsPanel';
import { JudgePanel } from './JudgePanel';
import { LoadPanel } from './LoadPanel';
import { SummaryPanel } from './SummaryPanel';
import { restoreSessionOnce, runDetector } from './judge-controller';
import './evaluate.css';

export default function EvaluateView() {
  const rows = useEvalStore((s) => s.rows);
  const source = useEvalStore((s) => s.source);
  const seen = useEvalStore((s) => s.seen);
  const detections = useEvalStore((s) => s.detections);
  useEffect(() => {
    void restoreSessionOnce();
  }, []);
  useEffect(() => {
    if (source) void runDetector();
  }, [source]);
  const otherRows = useEvalStore((s) => s.otherRows);
  const predictionSource = useEvalStore((s) => s.predictionSource);
  const generated = useEvalStore((s) => s.generated);
  const scoreModel = useEvalStore((s) => s.scoreModel);
  const modelNames = useMemo(() => [...new Set(rows.map((r) => r.model).filter((m): m is string => !!m))], [rows]);
  const scored = useMemo(() => (scoreModel === null ? rows : rows.filter((r) => (r.model ?? null) === scoreModel)), [rows, scoreModel]);
  const summary = useMemo(() => summarize(scored, seen, detections), [scored, seen, detections]);
  const sources = useMemo(
    () => comparisonSources({ rows, otherRows, predictionSource, generated, source }),
    [rows, otherRows, predictionSource, generated, source],
  );
  const fileBase = (source?.fileName ?? 'predictions').replace(/\.[^.]+$/, '');

  return (
    <section className="evaluate">
      <h2>Evaluate (CARE (Pro))</h2>
      <LoadPanel />
      <BenchmarkPanel />
      <GeneratePanel />
      <div className="grid">
        <EndpointPanel />
        <JudgePanel />
      </div>
      {rows.length > 0 && (
        <>
          {sources.length > 0 && sources.some((s) => s.rows.length) && <ComparePanel sources={sources} fileBase={fileBase} />}
          <AgreementPanel />
          {modelNames.length > 1 && (
            <div className="panel row">
              <label>
                Scores and items for{' '}
                <select aria-label="Scores for model" value={scoreModel ?? ''} onChange={(e) => useEvalStore.getState().setScoreModel(e.target.value || null)}>
                  <option value="">every model pooled ({rows.length} rows)</option>
                  {modelNames.map((m) => <option key={m} value={m}>{m}</option>)}
                </select>
              </label>
              <span className="muted">the file holds {modelNames.length} models&apos; predictions; Compare sources above scores each apart</span>
            </div>
          )}
          <SummaryPanel summary={summary} />
          <ItemsPanel />
          <ExportPanel summary={summary} />
        </>
      )}
    </section>
  );
}
