// Evaluate (CARE (Pro)): load predictions, judge them with an OpenAI-compatible LLM, score and
// break them down, click through to items, export.
import { useEffect, useMemo } from 'react';
import { summarize } from '../../../eval/metrics';
import { useEvalStore } from '../../store/eval-store';
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
  const summary = useMemo(() => summarize(rows, seen, detections), [rows, seen, detections]);
  return (
    <section className="evaluate">
      <h2>Evaluate (CARE (Pro))</h2>
      <LoadPanel />
      <GeneratePanel />
      <div className="grid">
        <EndpointPanel />
        <JudgePanel />
      </div>
      {rows.length > 0 && (
        <>
          <SummaryPanel summary={summary} />
          <ItemsPanel />
          <ExportPanel summary={summary} />
        </>
      )}
    </section>
  );
}
