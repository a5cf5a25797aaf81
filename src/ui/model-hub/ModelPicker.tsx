// The Train view's model picker: the bundled demo model, a local Hugging Face folder (pick or drop:
// config, weights, tokenizer files, chat template), or a hub repository id owner/name[@revision]
// fetched from a hub base the user allows (per-file bytes, speed and time left; cancel; the next
// open resumes), the browser's cache of downloaded models with sizes and delete, and the run's
// memory plan on the opened model. Text from model files is rendered as text.

import { useEffect, useState } from 'react';
import { formatBytes } from '../../engine/memory-plan';
import { passSummary } from '../../lrpo/family/run-memory-plan';
import { useSettingsStore } from '../store/settings-store';
import { useModelHubStore } from './model-hub-store';
import { useRunPlan } from './use-run-plan';
import { GpuMemoryField } from './GpuMemoryField';

const secs = (s: number | null) => (s === null || !Number.isFinite(s) ? '–' : s < 90 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`);

function usePath(): void {
  const opened = useModelHubStore((s) => s.opened);
  const edit = useSettingsStore((s) => s.editField);
  useEffect(() => {
    if (!opened || opened.fromConfig) return; // a model the config named: the config stays as it is
    const c = useSettingsStore.getState().config;
    if (c.model.lora_rank === 0) edit('model.lora_rank', '8'); // the WebGPU model trains a LoRA adapter
    edit('model.path', opened.path);
    if (opened.inspection.hasChatTemplate) edit('data.instruction_mode', 'chat');
  }, [opened, edit]);
}

export function ModelPicker() {
  const s = useModelHubStore();
  const config = useSettingsStore((x) => x.config);
  const edit = useSettingsStore((x) => x.editField);
  const [id, setId] = useState('');
  const [base, setBase] = useState(s.base);
  const [downloads, setDownloads] = useState(s.downloads);
  useEffect(() => setDownloads(s.downloads), [s.downloads]);
  usePath();
  useEffect(() => void s.refreshCache(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const plan = useRunPlan();
  const allowed = s.baseAllowed();
  return (
    <div className="model-picker" data-testid="model-picker">
      <h3>Model</h3>
      <div className="row" data-testid="model-in-use">
        {s.opened
          ? <span><b>{s.opened.path}</b> ({s.opened.kind === 'hub' ? 'hub, cached in the browser' : 'local folder'}): {s.opened.inspection.summary}</span>
          : <span>the bundled demo model (GPT-2, {config.model.checkpoint || 'random init'})</span>}
        {s.opened && <button className="link-button" onClick={() => { s.close(); edit('model.path', ''); edit('data.instruction_mode', 'tag'); }}>use the demo model</button>}
      </div>
      <div className="row"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          void s.openFolder([...e.dataTransfer.files]);
        }}>
        <label className={s.busy ? 'file-button disabled' : 'file-button'}>
          Open model folder…
          <input type="file" multiple aria-label="Open model folder" disabled={!!s.busy}
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void s.openFolder(files);
            }} />
        </label>
        <span className="muted">or drop its files here (config.json, model.safetensors or shards, tokenizer.json, tokenizer_config.json, chat template)</span>
      </div>
      <div className="row">
        <label>hub <input aria-label="hub base URL" value={base} onChange={(e) => setBase(e.target.value)} onBlur={() => s.setBase(base)} size={28} /></label>
        <label title="origins the hub redirects downloads to (huggingface.co: its file CDN); allowed with the hub">download origins <input aria-label="download origins" value={downloads} placeholder="none" onChange={(e) => setDownloads(e.target.value)} onBlur={() => s.setDownloads(downloads)} size={28} /></label>
        {!allowed && <button onClick={() => { s.setBase(base); s.setDownloads(downloads); s.allowBase(); }} title="adds the hub's origin and the download origins to the page's connection policy (the page reloads once)">Allow connections to it</button>}
        <label>repository <input aria-label="hub repository id" placeholder="Qwen/Qwen2.5-0.5B-Instruct[@revision]" value={id} onChange={(e) => setId(e.target.value)} size={34} /></label>
        <button disabled={!!s.busy || !id.trim()} onClick={() => void s.openHub(id)}>Open</button>
        {s.busy && <button onClick={s.cancel}>Cancel</button>}
        {s.busy && <span className="muted" role="status">{s.busy}</span>}
      </div>
      {Object.keys(s.progress).length > 0 && (
        <table className="download-progress" data-testid="download-progress">
          <thead><tr><th>file</th><th>received</th><th>speed</th><th>time left</th></tr></thead>
          <tbody>
            {Object.values(s.progress).map((p) => (
              <tr key={p.file}>
                <td>{p.file}</td>
                <td>{formatBytes(p.received)}{p.total !== null ? ` of ${formatBytes(p.total)}` : ''}{p.resumedFrom ? ` (resumed at ${formatBytes(p.resumedFrom)})` : ''}{p.done ? ' ✓' : ''}</td>
                <td>{formatBytes(p.speed)}/s</td>
                <td>{p.done ? '' : secs(p.eta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.error && <div className="error pre-line" role="alert" data-testid="model-error">{s.error} <button onClick={s.dismiss}>Dismiss</button></div>}
      {plan && (
        <div data-testid="memory-plan">
          <b>Memory plan</b> ({passSummary(plan, config)}; rollout KV cache {plan.kv.rows} rows):{' '}
          {plan.parts.map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', ')}; total {formatBytes(plan.total)}
          <GpuMemoryField />
          {plan.problems.map((p) => <div key={p} className="error">will not fit: {p}</div>)}
        </div>
      )}
      {s.cached.length > 0 && (
        <div data-testid="cached-models">
          <b>Cached in this browser</b>
          <ul>
            {s.cached.map((m) => (
              <li key={m.key}>
                {m.key.replace('--', '/')} — {formatBytes(m.bytes)}{m.complete ? '' : ' (incomplete: open it again to resume)'}{' '}
                <button onClick={() => void s.deleteCached(m.key)} aria-label={`delete ${m.key}`}>Delete</button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
