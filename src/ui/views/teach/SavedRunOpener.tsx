// Opens a saved run folder (lrpo-studio train --out DIR): the folder, or its config.json,
// rollouts.jsonl, metrics.jsonl and router.jsonl picked together. Problems are listed; a folder
// that cannot be walked through leaves what was shown.

import { readSavedRun } from '../../../lrpo/teaching/saved-run';
import { useTeachStore } from '../../store/teach-store';
import { formatProblem } from '../../../data/example';

const WANTED = new Set(['config.json', 'rollouts.jsonl', 'metrics.jsonl', 'router.jsonl']);

export function SavedRunOpener() {
  const open = useTeachStore((s) => s.openSaved);
  const last = useTeachStore((s) => s.lastOpen);
  const pick = async (list: FileList | null) => {
    const files = [...(list ?? [])].filter((f) => WANTED.has(f.name));
    const read = readSavedRun(await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))));
    const dir = (list?.[0] as (File & { webkitRelativePath?: string }) | undefined)?.webkitRelativePath?.split('/')[0] || 'run folder';
    open(dir, read.run, read.problems);
  };
  return (
    <span>
      <label>Open a saved run (config.json, rollouts.jsonl, metrics.jsonl, router.jsonl):{' '}
        <input type="file" multiple accept=".json,.jsonl" aria-label="Open saved run files" onChange={(e) => void pick(e.target.files)} />
      </label>
      {last && (
        <span className={last.problems.length ? 'mismatch' : 'muted'} data-testid="saved-run-status">
          {' '}{last.steps ? `${last.file}: ${last.steps} steps` : `${last.file}: not opened`}
          {last.problems.slice(0, 3).map((p, i) => <span key={i}> · {formatProblem(p)}</span>)}
          {last.problems.length > 3 ? ` · and ${last.problems.length - 3} more` : ''}
        </span>
      )}
    </span>
  );
}
