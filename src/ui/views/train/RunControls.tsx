// Start, pause, single step, reset, save — and the offer to resume a run saved in this browser.
// A run on an opened Hugging Face model that will not fit by its memory plan cannot start (the plan's
// problems name what to change); the step time shows once a step is timed, or from a one-step probe.

import { useRunStore } from '../../store/run-store';
import { StepTime } from './StepTime';
import { StepEstimate } from './StepEstimate';
import { useStartRefusal } from '../../model-hub/use-run-plan';
import { pauseRun, resetRun, resumeRun, saveRun, startRun, stepRun } from '../../worker/client';

export function RunControls() {
  const state = useRunStore((s) => s.state);
  const resumable = useRunStore((s) => s.resumable);
  const busy = state === 'loading' || state === 'recovering';
  const running = state === 'running';
  const noRun = state === 'idle' || state === 'error' && !useRunStore.getState().device;
  const refused = useStartRefusal();
  return (
    <>
    <div className="row controls">
      <button className="primary" onClick={startRun} disabled={busy || running || noRun || !!refused} title={refused ? 'the model\'s memory plan refuses this run (below)' : undefined}>▶ Start</button>
      <button onClick={pauseRun} disabled={!running}>⏸ Pause</button>
      <button onClick={stepRun} disabled={busy || running || noRun || !!refused}>⏭ Single step</button>
      <button onClick={resetRun} disabled={busy} title="rebuild the model and the router from the configuration below; clears the autosave">↺ Reset</button>
      <button onClick={saveRun} disabled={busy || noRun}>Save now</button>
      {resumable && (
        <span className="resume-offer" role="status">
          A run saved in this browser at step {resumable.step} ({new Date(resumable.savedAt).toLocaleString()}).{' '}
          <button className="primary" onClick={resumeRun} disabled={busy}>Resume it</button>
        </span>
      )}
      <StepTime />
      <StepEstimate disabled={busy || running || noRun || !!refused} />
    </div>
    {refused && (
      <div className="error" role="alert" data-testid="start-refused">
        {refused.memory ? 'This run will not fit on this device, so it cannot start. Change:' : 'This run cannot start yet:'} {refused.problems.map((p) => <div key={p}>{p}</div>)}
      </div>
    )}
    </>
  );
}
