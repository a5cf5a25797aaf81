// Opens a checkpoint: the studio's single-file export, or a checkpoint folder's files chosen together
// (config.json + model.safetensors [+ special_tokens.json]). The worker checks it in full and resets
// the run from it; "started from" changes only when it confirms, and a refused file changes nothing.

import { openCheckpointFiles, clearCheckpoint } from '../../worker/client';
import { checkpointFailureText, useRunInputsStore } from '../../store/run-inputs-store';

export function CheckpointOpener() {
  const current = useRunInputsStore((s) => s.checkpoint);
  const opening = useRunInputsStore((s) => s.checkpointOpening);
  const error = useRunInputsStore((s) => s.checkpointError);
  const dismiss = useRunInputsStore((s) => s.dismissCheckpointError);
  return (
    <div>
      <div className="row">
        <label className={opening ? 'file-button disabled' : 'file-button'}>
          Open checkpoint…
          <input type="file" accept=".safetensors,.json" multiple aria-label="Open checkpoint" disabled={!!opening}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void openCheckpointFiles(files);
            }} />
        </label>
        {opening && <span className="muted" role="status">checking {opening}…</span>}
        {current && !opening && (
          <span className="muted" data-testid="checkpoint-in-use">
            started from {current}{' '}
            <button className="link-button" onClick={clearCheckpoint} title="the next Reset starts from model.checkpoint of the configuration">forget</button>
          </span>
        )}
      </div>
      {error && (
        <div className="error pre-line" role="alert" data-testid="checkpoint-error">
          {checkpointFailureText(error.name, error.reason)} <button onClick={dismiss}>Dismiss</button>
        </div>
      )}
    </div>
  );
}
