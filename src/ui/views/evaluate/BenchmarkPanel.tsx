// Open CARE (Pro) as published: a folder of its files, or the hub repository through an origin the
// user allows (cached). Its columns are mapped automatically; questions come without predictions,
// so the next step is "Generate predictions with the current model", then judging.
import { useState } from 'react';
import { allowAndReload } from './judge-controller';
import { openBenchmarkFolder, openHubDataset, savedHubRef, type BenchmarkStatus } from './benchmark-controller';

export function BenchmarkPanel() {
  const [ref, setRef] = useState(savedHubRef);
  const [status, setStatus] = useState<BenchmarkStatus>(null);
  const [needsAllow, setNeedsAllow] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (job: () => Promise<BenchmarkStatus | { needsAllow: string }>) => {
    setBusy(true);
    setStatus(null);
    try {
      const r = await job();
      if (r && 'needsAllow' in r) setNeedsAllow(r.needsAllow);
      else setStatus(r);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel" role="group" aria-label="Open CARE (Pro)">
      <h3>Open the benchmark: CARE (Pro)</h3>
      <p className="muted">
        CARE (Pro) (<code>geyang627/care_pro</code>: 775 questions in Chinese, Hindi and Spanish, local-insider and cross-cultural) as
        published: JSON, JSONL or parquet files. Columns are mapped automatically (question, answer → target, language — or the language
        named by the file name —, setting, region, English translation); the questions load without predictions: generate them with the
        current model below, then judge them.
      </p>
      <div className="row">
        <label>
          From a folder{' '}
          <input
            type="file"
            aria-label="Benchmark folder"
            multiple
            // a folder picker where the browser has one; plain multi-file selection otherwise
            {...({ webkitdirectory: '' } as Record<string, string>)}
            disabled={busy}
            onChange={(e) => {
              const files = e.target.files ? Array.from(e.target.files) : [];
              e.target.value = '';
              if (files.length) void run(() => openBenchmarkFolder(files));
            }}
          />
        </label>
      </div>
      <form className="eval-form" onSubmit={(e) => { e.preventDefault(); void run(() => openHubDataset(ref)); }}>
        <label>Hub URL<input aria-label="Hub URL" type="url" value={ref.baseUrl} onChange={(e) => setRef({ ...ref, baseUrl: e.target.value })} /></label>
        <label>Dataset repository<input aria-label="Dataset repository" value={ref.repo} onChange={(e) => setRef({ ...ref, repo: e.target.value })} /></label>
        <label>Revision<input aria-label="Revision" value={ref.revision} onChange={(e) => setRef({ ...ref, revision: e.target.value })} /></label>
        <div><button type="submit" disabled={busy}>Open from the hub</button></div>
      </form>
      {needsAllow && (
        <div className="eval-allow" role="alert">
          <p>
            This page may only connect to its own origin and to origins you allow. Allow <b>{needsAllow}</b> to download the dataset? The page
            reloads to apply it; press &quot;Open from the hub&quot; again afterwards (downloaded files are cached in this browser).
          </p>
          <div className="row">
            <button className="primary" onClick={() => void allowAndReload(needsAllow)}>Allow and reload</button>
            <button onClick={() => setNeedsAllow(null)}>Not now</button>
          </div>
        </div>
      )}
      {busy && <p className="muted">Reading…</p>}
      {status && <p className={status.level === 'error' ? 'error' : status.level === 'warn' ? 'eval-warn' : 'muted'} data-testid="benchmark-status">{status.text}</p>}
    </div>
  );
}
