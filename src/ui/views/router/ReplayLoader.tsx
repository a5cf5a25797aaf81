// Opens a router JSONL (the reference's `lang_policy_log_path`, or ours) for replay. Malformed lines are
// listed with their line numbers; the good lines load; a file with none keeps what was shown before.

import { useRouterStore } from '../../store/router-store';
import { readRouterLog } from './replay/router-log-reader';
import { ProblemList } from '../../components/ProblemList';

export function ReplayLoader() {
  const openReplay = useRouterStore((s) => s.openReplay);
  const lastOpen = useRouterStore((s) => s.lastOpen);
  const onFile = async (file: File) => {
    // bytes, not file.text(): a line that is not UTF-8 is listed instead of read with U+FFFD
    const r = readRouterLog(new Uint8Array(await file.arrayBuffer()), file.name);
    openReplay({ file: file.name, ...r });
  };
  return (
    <div className="replay-loader">
      <label className="file-button">
        Open router JSONL…
        <input type="file" accept=".jsonl,.json,.txt,application/json" aria-label="Open router JSONL"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void onFile(f); e.target.value = ''; }} />
      </label>
      {lastOpen && (
        <p className={lastOpen.loaded ? 'muted' : 'error'} data-testid="replay-summary">
          {lastOpen.file}: {lastOpen.loaded} of {lastOpen.lines} lines loaded
          {lastOpen.problems.length ? `, ${lastOpen.problems.length} malformed` : ''}
          {lastOpen.loaded === 0 ? ' — nothing usable; the previous view is kept' : ''}
        </p>
      )}
      {lastOpen && <ProblemList problems={lastOpen.problems} title="Malformed lines" lineWord="line" />}
    </div>
  );
}
