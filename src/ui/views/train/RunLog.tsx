// Numeric faults and the run's event log (newest first).

import { useRunStore } from '../../store/run-store';

export function RunLog() {
  const log = useRunStore((s) => s.log);
  const faults = useRunStore((s) => s.faults);
  return (
    <div>
      <h3>Log {faults.length > 0 && <span className="fault-count" data-testid="fault-count">{faults.length} skipped update{faults.length > 1 ? 's' : ''}</span>}</h3>
      <ul className="run-log" aria-label="Run log">
        {[...log].reverse().slice(0, 50).map((l, i) => (
          <li key={i} className={`log-${l.level}`}>{new Date(l.time).toLocaleTimeString()} {l.text}</li>
        ))}
      </ul>
    </div>
  );
}
