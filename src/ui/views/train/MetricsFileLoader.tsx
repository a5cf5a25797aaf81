// Opens a run folder's metrics.jsonl into the charts (the live run is kept; a toggle switches).

import { useRunStore } from '../../store/run-store';
import { readMetricsJsonl } from '../router/replay/metrics-jsonl-reader';
import { ProblemList } from '../../components/ProblemList';
import { useState } from 'react';
import type { Problem } from '../../../data/example';

export function MetricsFileLoader() {
  const file = useRunStore((s) => s.metricsFile);
  const showFile = useRunStore((s) => s.showFile);
  const open = useRunStore((s) => s.openMetricsFile);
  const setShow = useRunStore((s) => s.setShowFile);
  const [problems, setProblems] = useState<Problem[]>([]);
  return (
    <div className="row">
      <label className="file-button">
        Open metrics.jsonl…
        <input type="file" accept=".jsonl,.json,.txt" aria-label="Open metrics.jsonl"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            // bytes, not f.text(): a line that is not UTF-8 is listed instead of silently getting U+FFFD
            const r = readMetricsJsonl(new Uint8Array(await f.arrayBuffer()), f.name);
            setProblems(r.problems);
            if (r.rows.length) open({ file: f.name, rows: r.rows, problems: r.problems });
          }} />
      </label>
      {file && (
        <>
          <label><input type="radio" checked={!showFile} onChange={() => setShow(false)} /> live run</label>
          <label><input type="radio" checked={showFile} onChange={() => setShow(true)} /> {file.file} ({file.rows.length} steps)</label>
        </>
      )}
      <ProblemList problems={problems} title="Malformed lines in the metrics file" lineWord="line" onDismiss={() => setProblems([])} />
    </div>
  );
}
