// What the run is doing and on what: state, warm-start SFT step (sft.steps > 0), step, backend, adapter (and whether it is a fallback
// adapter), tokens/s, achieved FLOP/s, last autosave. Without WebGPU it says so plainly.

import { useRunStore } from '../../store/run-store';
import { useSettingsStore } from '../../store/settings-store';
import { formatSi } from '../../charts/format';

export function RunStatus() {
  const state = useRunStore((s) => s.state);
  const step = useRunStore((s) => s.step);
  const device = useRunStore((s) => s.device);
  const last = useRunStore((s) => s.history[s.history.length - 1]);
  const lastSave = useRunStore((s) => s.lastSave);
  const lastSft = useRunStore((s) => s.sft[s.sft.length - 1]);
  const sftSteps = useSettingsStore((s) => s.config.sft.steps);
  const total = useSettingsStore((s) => s.config.trainer.total_training_steps);
  const editCfg = useSettingsStore((s) => s.editField);
  return (
    <div className="status-bar">
      <span className="stat"><b data-testid="run-state">{state}</b>state</span>
      {sftSteps > 0 && (
        <span className="stat"><b data-testid="sft-step">{lastSft?.step ?? 0}</b>warm-start SFT step of {sftSteps}</span>
      )}
      <span className="stat"><b data-testid="run-step">{step}</b>step of {total}</span>
      <span className="stat"><b>{device ? device.backend.toUpperCase() : '–'}</b>backend</span>
      <span className="stat" data-testid="adapter"><b>{device?.adapterName ?? '–'}</b>{device?.isFallbackAdapter ? 'fallback (software) adapter' : 'adapter'}</span>
      <span className="stat"><b>{last?.['perf/throughput'] !== undefined ? formatSi(last['perf/throughput'], 'tok/s') : '–'}</b>throughput</span>
      <span className="stat"><b>{last?.['perf/flops_per_s_estimate'] !== undefined ? formatSi(last['perf/flops_per_s_estimate'], 'FLOP/s') : '–'}</b>achieved (est.)</span>
      <span className="stat"><b>{lastSave ? `step ${lastSave.step}` : '–'}</b>last autosave</span>
      {device?.webgpuUnavailable && (
        <p className="warn-box" role="status">
          WebGPU is not in use: {device.webgpuUnavailable}. Training runs on the CPU backend (same numbers, slower).
          {device.backend === 'cpu' && useSettingsStore.getState().config.backend === 'webgpu' && (
            <> <button onClick={() => editCfg('backend', 'cpu')}>Use the CPU backend in the configuration</button></>
          )}
        </p>
      )}
    </div>
  );
}
