// Router downloads: the router JSONL of the shown source (reference format) and, for a live run, the
// router state (tables, schedule step, buffer and RNG) from the worker.

import { currentFrames, useRouterStore } from '../store/router-store';
import { writeRouterLog } from '../views/router/replay/router-log-reader';
import { downloadFile } from './download';
import { requestExport } from '../worker/client';
import { useRunStore } from '../store/run-store';

export function RouterExports() {
  const frames = useRouterStore(currentFrames);
  const source = useRouterStore((s) => s.source);
  const live = useRunStore((s) => s.state !== 'idle' && s.state !== 'loading');
  return (
    <span className="row">
      <button disabled={!frames.length} onClick={() => downloadFile('router.jsonl', writeRouterLog(frames), 'application/x-ndjson')}>
        Export router.jsonl
      </button>
      <button disabled={source !== 'live' || !live} onClick={() => requestExport('router_state')}>Export router_state.json</button>
    </span>
  );
}
