// Load a predictions file (picker or drop); shows what was loaded, rows left out and, when the
// columns cannot be guessed, the column mapping.
import { useState, type DragEvent } from 'react';
import { ProblemList } from '../../components/ProblemList';
import { useEvalStore } from '../../store/eval-store';
import { MappingPanel } from './MappingPanel';

const ILLUSTRATIVE_FILE = 'care-pro-illustrative.jsonl';

/** Loads the illustrative CARE (Pro)-shaped set we ship (public/data, same origin). */
async function loadIllustrative(): Promise<void> {
  const st = useEvalStore.getState();
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}data/${ILLUSTRATIVE_FILE}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    await st.loadFile(ILLUSTRATIVE_FILE, new Uint8Array(await res.arrayBuffer()));
  } catch (e) {
    useEvalStore.setState({ loadError: [{ file: ILLUSTRATIVE_FILE, reason: `could not be fetched: ${(e as Error).message}` }] });
  }
}

async function readFile(f: File) {
  await useEvalStore.getState().loadFile(f.name, new Uint8Array(await f.arrayBuffer()));
}

export function LoadPanel() {
  const source = useEvalStore((s) => s.source);
  const rows = useEvalStore((s) => s.rows.length);
  const problems = useEvalStore((s) => s.problems);
  const pending = useEvalStore((s) => s.pending);
  const loadError = useEvalStore((s) => s.loadError);
  const mapping = useEvalStore((s) => s.mapping);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void readFile(f);
  };
  return (
    <div
      className={over ? 'panel eval-drop over' : 'panel eval-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h3>Predictions</h3>
      <div className="row">
        <label>
          Predictions file{' '}
          <input
            type="file"
            aria-label="Predictions file"
            accept=".parquet,.pq,.jsonl,.ndjson,.json,.csv,.tsv"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void readFile(f);
              e.target.value = '';
            }}
          />
        </label>
        <button onClick={() => void loadIllustrative()}>Load the illustrative set (ours)</button>
        <span className="muted">or drop a file here — parquet, JSONL or CSV with question, target, prediction, language, region, setting (and optionally a judge label)</span>
      </div>
      {source && (
        <p data-testid="eval-loaded">
          Loaded <b>{source.fileName}</b>: {rows} rows
          {problems.length > 0 && `, ${problems.length} problem${problems.length > 1 ? 's' : ''}`}.{' '}
          {source.questionsOnly && <b>Benchmark questions without predictions: generate them with the current model below, then judge. </b>}
          <span className="muted">
            Columns: {Object.entries(mapping).map(([f, c]) => `${f} ← ${c}`).join(', ')}
          </span>{' '}
          <button onClick={() => useEvalStore.getState().editColumns()}>Change columns</button>
        </p>
      )}
      {source?.fileName === ILLUSTRATIVE_FILE && (
        <p className="eval-warn" data-testid="illustrative-note">
          Illustrative set authored by the LRPO Studio team: 36 short zh / hi / es questions with true answers, three made-up &quot;models&quot;
          (base, GRPO, LRPO) whose answers and labels we wrote by hand. It has CARE (Pro)&apos;s shape, not its content; its numbers say nothing about
          any model (the paper&apos;s CARE (Pro) averages are 5.99 / 5.78 / 8.65 for vanilla / GRPO / LRPO).
        </p>
      )}
      {loadError && (
        <ProblemList
          title="This file could not be used; what was loaded before is kept"
          problems={loadError}
          onDismiss={() => useEvalStore.getState().dismissLoadError()}
        />
      )}
      {pending && <MappingPanel />}
      <ProblemList title="Rows left out or notes" problems={problems} />
    </div>
  );
}
