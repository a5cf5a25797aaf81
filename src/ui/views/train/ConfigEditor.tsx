// The run configuration: presets, every LRPO option grouped by concern with validation, and opening
// a run.json. Every change is written to the URL (only the diff from the reference defaults).

import { useState } from 'react';
import { FIELDS, formatFieldValue, getField, type FieldSpec } from '../../config-fields';
import { rangeText } from '../../../lrpo/config-rules';
import { useSettingsStore } from '../../store/settings-store';
import { PRESETS } from '../../store/presets';
import { ProblemList } from '../../components/ProblemList';
import { configToQuery } from '../../url-config';
import { useRunInputsStore } from '../../store/run-inputs-store';
import { runConfigFile } from '../../export/run-config-file';
import { downloadFile } from '../../export/download';
import { CalibrationPicker } from './CalibrationPicker';
import { EmbeddingPicker } from './EmbeddingPicker';
import { useEmbeddingStore } from '../../store/embedding-store';

/** Downloads the configuration as RUN.json (what `lrpo-studio train --config` reads). */
function exportRunConfig(): void {
  const { checkpoint, calibration } = useRunInputsStore.getState();
  const similarity = useEmbeddingStore.getState().inUse;
  const { text } = runConfigFile(useSettingsStore.getState().config, { checkpoint, calibration, similarity });
  downloadFile('run.json', text, 'application/json');
}

const GROUPS: { id: FieldSpec['group']; label: string }[] = [
  { id: 'run', label: 'Run' },
  { id: 'model', label: 'Model' },
  { id: 'data', label: 'Data' },
  { id: 'actor', label: 'GRPO / actor' },
  { id: 'router', label: 'Router' },
  { id: 'reward', label: 'Reward' },
  { id: 'trainer', label: 'Trainer' },
  { id: 'sft', label: 'Warm-start SFT' },
];

/** The option's allowed values, from the one table of rules (src/lrpo/config-rules.ts). */
function rangeOf(spec: FieldSpec): string {
  if (spec.kind === 'int' || spec.kind === 'number') return `${spec.kind === 'int' ? 'integer ' : ''}in ${rangeText(spec)}`;
  return '';
}

function FieldInput({ spec }: { spec: FieldSpec }) {
  const value = useSettingsStore((s) => getField(s.config, spec.path));
  const error = useSettingsStore((s) => s.fieldErrors[spec.path]);
  const edit = useSettingsStore((s) => s.editField);
  const text = formatFieldValue(spec, value);
  const [draft, setDraft] = useState<string | null>(null);
  const name = spec.path.split('.').pop()!;
  const id = `cfg-${spec.path}`;
  let input;
  if (spec.kind === 'bool') {
    input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => edit(spec.path, String(e.target.checked))} />;
  } else if (spec.kind === 'enum') {
    input = (
      <select id={id} value={text} onChange={(e) => edit(spec.path, e.target.value)}>
        {spec.choices!.map((c) => <option key={c}>{c}</option>)}
      </select>
    );
  } else {
    input = (
      <input id={id} value={draft ?? text} aria-invalid={!!error} size={spec.kind === 'langs' || spec.kind === 'list' ? 40 : 10}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => { if (draft !== null) edit(spec.path, draft); setDraft(null); }}
        onKeyDown={(e) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); }} />
    );
  }
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id} title={[spec.help ?? spec.path, spec.verl ? `verl: ${spec.verl}` : '', rangeOf(spec)].filter(Boolean).join(' · ')}>{name}</label>
      {input}
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}

export function ConfigEditor() {
  const problems = useSettingsStore((s) => s.problems);
  const problemsSource = useSettingsStore((s) => s.problemsSource);
  const checkpoint = useRunInputsStore((s) => s.checkpoint);
  const calibration = useRunInputsStore((s) => s.calibration);
  const similarity = useEmbeddingStore((s) => s.inUse);
  const opened = { checkpoint, calibration, similarity };
  const dismiss = useSettingsStore((s) => s.dismissProblems);
  const applyPreset = useSettingsStore((s) => s.applyPreset);
  const openFile = useSettingsStore((s) => s.openConfigFile);
  const config = useSettingsStore((s) => s.config);
  const [open, setOpen] = useState<string>('actor');
  const diff = configToQuery(config);
  return (
    <div className="config-editor">
      <div className="row">
        <strong>Presets</strong>
        {PRESETS.map((p) => <button key={p.id} onClick={() => applyPreset(p.id)} title={p.description}>{p.label}</button>)}
        <label className="file-button">
          Open run.json…
          <input type="file" accept=".json,application/json" aria-label="Open run config"
            onChange={async (e) => { const f = e.target.files?.[0]; if (f) openFile(new Uint8Array(await f.arrayBuffer()), f.name); e.target.value = ''; }} />
        </label>
        <button onClick={exportRunConfig} title="every option as JSON, the format of lrpo-studio train --config">Export run.json</button>
      </div>
      {runConfigFile(config, opened).notes.length ? (
        <p className="muted small">{runConfigFile(config, opened).notes.join('; ')}.</p>
      ) : null}
      <ProblemList problems={problems} lineWord="line" onDismiss={dismiss}
        title={problemsSource === 'file' ? 'The run config file was not applied (the configuration in use is unchanged)' : 'Configuration problems (the named options use their defaults)'} />
      <p className="muted small">Changed from the reference defaults: {diff ? <code data-testid="config-diff">{decodeURIComponent(diff).replace(/&/g, '  ')}</code> : 'nothing'}.
        The address bar holds these, so the link shares this run. Changes apply on Reset.</p>
      <div className="tabs-inline" role="tablist">
        {GROUPS.map((g) => (
          <button key={g.id} role="tab" aria-selected={open === g.id} className={open === g.id ? 'tab-inline active' : 'tab-inline'} onClick={() => setOpen(g.id)}>{g.label}</button>
        ))}
      </div>
      <div className="fields">
        {FIELDS.filter((f) => f.group === open).map((f) => <FieldInput key={f.path} spec={f} />)}
      </div>
      {open === 'reward' && <><EmbeddingPicker /><CalibrationPicker /></>}
    </div>
  );
}
