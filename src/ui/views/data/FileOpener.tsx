// Opens a local dataset file (parquet, JSONL or a JSON array) by picker or by drag and drop anywhere
// on the zone. The store keeps the current dataset when the file cannot be used.
import { useRef, useState, type DragEvent } from 'react';
import { useDataStore } from '../../store/data-store';

export function FileOpener() {
  const loadFile = useDataStore((s) => s.loadFile);
  const loadDemo = useDataStore((s) => s.loadDemo);
  const loadingName = useDataStore((s) => s.loadingName);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void loadFile(file);
  };

  return (
    <div
      className={over ? 'data-drop over' : 'data-drop'}
      data-testid="data-drop"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="row">
        <label className="button-like">
          Open dataset…
          <input
            ref={input}
            type="file"
            aria-label="Open dataset file"
            accept=".parquet,.jsonl,.json,.ndjson"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void loadFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <button onClick={() => void loadDemo()}>Load demo dataset</button>
        <span className="muted">or drop a parquet / JSONL file here</span>
        {loadingName && <span role="status">Reading {loadingName}…</span>}
      </div>
    </div>
  );
}
