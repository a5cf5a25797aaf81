// Seconds per LRPO step, before committing to a long run: the run's first step, timed (press
// ⏭ Single step: it is a real step of the run, so the run's numbers are the ones it would have had
// anyway), then the latest step's time and what the configured total_training_steps would take.

import { useRunStore } from '../../store/run-store';
import { useSettingsStore } from '../../store/settings-store';

const dur = (s: number) => (s < 90 ? `${s.toFixed(1)} s` : s < 5400 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`);

export function StepTime() {
  const seconds = useRunStore((s) => s.stepSeconds);
  const step = useRunStore((s) => s.step);
  const total = useSettingsStore((s) => s.config.trainer.total_training_steps);
  if (seconds === null) {
    return <span className="muted" data-testid="step-time">Seconds per step: not timed yet (Estimate step time times one step without moving the run; ⏭ Single step times a real one)</span>;
  }
  const left = Math.max(0, total - step);
  return (
    <span data-testid="step-time">
      Seconds per step: {seconds.toFixed(2)} s (step {step}, timed){left > 0 ? `; the remaining ${left} of ${total} steps ≈ ${dur(left * seconds)}` : ''}
    </span>
  );
}
