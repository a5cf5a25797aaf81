// Opens a checkpoint file (the studio's single-file export, or a GPT-2 model.safetensors) so the next
// Reset starts from it.

import { useState } from 'react';
import { openCheckpointFile, resetRun } from '../../worker/client';

export function CheckpointOpener() {
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="row">
      <label className="file-button">
        Open checkpoint…
        <input type="file" accept=".safetensors,.bin" aria-label="Open checkpoint"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            openCheckpointFile(f.name, new Uint8Array(await f.arrayBuffer()));
            setName(f.name);
            resetRun();
          }} />
      </label>
      {name && <span className="muted">started from {name}</span>}
    </div>
  );
}
