// "Estimate step time": before Start, one step of the configured run is timed in the worker on a
// copy of the run's state (step-probe.ts; the run itself does not move), and the estimate for the
// configured steps is shown with the step's parts (rollouts, reward, advantages, update).

import { useProbeStore } from '../../store/probe-store';
import { useRunStore } from '../../store/run-store';
import { useSettingsStore } from '../../store/settings-store';
import { probeStepTime } from '../../worker/client';

export const durationText = (s: number) => (s < 90 ? `${s.toFixed(s < 10 ? 1 : 0)} s` : s < 5400 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`);

const PARTS: [string, string][] = [['timing_s/gen', 'rollouts'], ['timing_s/reward', 'reward'], ['timing_s/adv', 'advantages'], ['timing_s/update_actor', 'update']];

export function StepEstimate({ disabled }: { disabled: boolean }) {
  const { probing, result, error } = useProbeStore();
  const step = useRunStore((s) => s.step);
  const cfg = useSettingsStore((s) => s.config);
  let text: string | null = null;
  if (result) {
    const sft = result.unit === 'sft';
    const left = sft ? cfg.sft.steps : Math.max(0, cfg.trainer.total_training_steps - step);
    const parts = PARTS.filter(([k]) => k in result.split).map(([k, name]) => `${name} ${result.split[k].toFixed(2)} s`);
    text = `~${result.seconds.toFixed(2)} s per ${sft ? 'SFT update' : 'step'}, ~${durationText(left * result.seconds)} for ${left} ${sft ? 'SFT updates' : 'steps'}`
      + (parts.length ? ` (${parts.join(', ')})` : '')
      + '; timed on a copy of the run\'s state, the run has not moved (a first step on WebGPU includes compiling its kernels)';
  }
  return (
    <span className="step-estimate">
      <button onClick={probeStepTime} disabled={disabled || probing} title="runs one step of this configuration in the worker and puts the run's state back exactly">
        {probing ? 'Timing one step…' : 'Estimate step time'}
      </button>
      {text && <span data-testid="step-estimate"> {text}</span>}
      {error && <span className="error" role="alert" data-testid="step-estimate-error"> {error}</span>}
    </span>
  );
}
