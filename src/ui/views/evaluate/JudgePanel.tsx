// Judge / cancel / re-judge, with a progress bar, counts and ETA.
import { VERDICT_LABELS } from '../../../eval/labels';
import { useEvalStore } from '../../store/eval-store';
import { fmtDuration } from './format';
import { cancelJudge, startJudge } from './judge-controller';

export function JudgePanel() {
  const running = useEvalStore((s) => s.running);
  const progress = useEvalStore((s) => s.progress);
  const message = useEvalStore((s) => s.message);
  const rows = useEvalStore((s) => s.rows);
  const unjudged = rows.filter((r) => !r.verdict && !r.noPrediction).length;
  const unparseable = rows.filter((r) => r.verdict?.label === 'UNPARSEABLE').length;
  return (
    <div className="panel">
      <h3>Judge</h3>
      <div className="row">
        <button className="primary" disabled={running || !rows.length} onClick={() => void startJudge('unjudged')}>
          Judge {unjudged} unjudged
        </button>
        <button disabled={running || !unparseable} onClick={() => void startJudge('unparseable')}>
          Re-judge UNPARSEABLE ({unparseable})
        </button>
        <button disabled={running || !rows.length} onClick={() => void startJudge('all')}>Re-judge all</button>
        <button disabled={!running} onClick={() => cancelJudge()}>Cancel</button>
      </div>
      {progress && (
        <div className="eval-progress" aria-live="polite">
          <progress value={progress.done} max={Math.max(1, progress.total)} aria-label="Judging progress" />
          <div data-testid="judge-progress">
            {progress.done} / {progress.total} judged
            {' · '}
            {VERDICT_LABELS.map((l) => `${l} ${progress.byLabel[l]}`).join(' · ')}
            {' · '}cached {progress.cached} · retries {progress.retries} · in flight {progress.inFlight}
            {progress.done < progress.total && <> · ETA {fmtDuration(progress.etaMs)}</>}
          </div>
        </div>
      )}
      {message && (
        <p className={message.level === 'error' ? 'error' : message.level === 'warn' ? 'eval-warn' : 'muted'} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
