// Start, pause, single step, reset, save — and the offer to resume a run saved in this browser.

import { useRunStore } from '../../store/run-store';
import { pauseRun, resetRun, resumeRun, saveRun, startRun, stepRun } from '../../worker/client';

export function RunControls() {
  const state = useRunStore((s) => s.state);
  const resumable = useRunStore((s) => s.resumable);
  const busy = state === 'loading' || state === 'recovering';
  const running = state === 'running';
  const noRun = state === 'idle' || state === 'error' && !useRunStore.getState().device;
  return (
    <div className="row controls">
      <button className="primary" onClick={startRun} disabled={busy || running || noRun}>▶ Start</button>
      <button onClick={pauseRun} disabled={!running}>⏸ Pause</button>
      <button onClick={stepRun} disabled={busy || running || noRun}>⏭ Single step</button>
      <button onClick={resetRun} disabled={busy} title="rebuild the model and the router from the configuration below; clears the autosave">↺ Reset</button>
      <button onClick={saveRun} disabled={busy || noRun}>Save now</button>
      {resumable && (
        <span className="resume-offer" role="status">
          A run saved in this browser at step {resumable.step} ({new Date(resumable.savedAt).toLocaleString()}).{' '}
          <button className="primary" onClick={resumeRun} disabled={busy}>Resume it</button>
        </span>
      )}
    </div>
  );
}
