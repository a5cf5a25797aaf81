// Run downloads: checkpoint (the engine's single-file format, from the worker), metrics.csv, the
// dataset the run trains on as verl parquet (written in the worker), and the verl launch overrides of the current configuration.
// A run on an opened Hugging Face model (model.path) adds its PEFT adapter, the merged model and the
// verl launch folder, each a .zip holding one folder (written in the worker by the CLI's writers).

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
      {hasModel && config.model.path && (
        <>
          <button disabled={config.model.lora_rank === 0} title="adapter_config.json + adapter_model.safetensors: peft's PeftModel.from_pretrained(base, folder)"
            onClick={() => requestExport('peft_adapter')}>PEFT adapter (.zip)</button>
          <button title="base + adapter in the base's dtype, with its tokenizer and chat template: transformers' from_pretrained(folder)"
            onClick={() => requestExport('merged_model')}>Merged model (.zip)</button>
          <button title="train/val parquet, verl_overrides.txt, run_lrpo.sh and a README: the run on a cluster with the reference trainer"
            onClick={() => requestExport('verl_launch')}>verl launch folder (.zip)</button>
        </>
      )}
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
