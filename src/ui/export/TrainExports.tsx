// Run downloads: checkpoint (the engine's single-file format, from the worker), metrics.csv, the
// dataset the run trains on as verl parquet (written in the worker), and the verl launch overrides of the current configuration.

import { useRunStore } from '../store/run-store';
import { useSettingsStore } from '../store/settings-store';
import { toVerlOverrides } from '../../lrpo/verl-overrides';
import { verlExportWarnings } from '../../lrpo/verl-export-warnings';
import { downloadFile } from './download';
import { metricsToCsv } from './metrics-csv';
import { requestExport } from '../worker/client';

export function TrainExports() {
  const history = useRunStore((s) => s.history);
  const state = useRunStore((s) => s.state);
  const config = useSettingsStore((s) => s.config);
  const hasModel = state !== 'idle' && state !== 'loading' && state !== 'error';
  const warnings = verlExportWarnings(config);
  return (
    <>
    <div className="row exports">
      <strong>Export</strong>
      <button disabled={!hasModel} onClick={() => requestExport('checkpoint')}>Checkpoint (.safetensors)</button>
      <button disabled={!history.length} onClick={() => downloadFile('metrics.csv', metricsToCsv(history), 'text/csv')}>metrics.csv</button>
      <button disabled={!hasModel} onClick={() => requestExport('dataset')} title="the examples this run trains on, as verl parquet">Dataset (verl parquet)</button>
      <button onClick={() => downloadFile('verl_overrides.txt', toVerlOverrides(config), 'text/plain')}>verl_overrides.txt</button>
    </div>
    {warnings.length > 0 && (
      <ul className="warn-box verl-warnings" aria-label="verl export warnings" title="what the reference verl trainer would ignore or change (also written into verl_overrides.txt)">
        {warnings.map((w) => <li key={w.field}><code>{w.field}</code>: {w.message}</li>)}
      </ul>
    )}
    </>
  );
}
