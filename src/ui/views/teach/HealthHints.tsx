// The step's health hints, each saying what it saw and what to change.

import type { HealthHint } from '../../../lrpo/teaching/health-hints';

export function HealthHints({ hints }: { hints: HealthHint[] }) {
  if (!hints.length) return <p className="muted" data-testid="health-ok">No health warnings at this step.</p>;
  return (
    <ul className="teach-hints" aria-label="Health hints">
      {hints.map((h) => <li key={h.id} className={`banner banner-${h.level}`} data-hint={h.id}>{h.text}</li>)}
    </ul>
  );
}
