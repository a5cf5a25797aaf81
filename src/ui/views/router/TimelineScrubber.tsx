// The timeline scrubber: moves every router view to a past step (or follows the latest).

import { currentFrames, useRouterStore } from '../../store/router-store';

export function TimelineScrubber() {
  const frames = useRouterStore(currentFrames);
  const cursor = useRouterStore((s) => s.cursor);
  const setCursor = useRouterStore((s) => s.setCursor);
  if (!frames.length) return null;
  const idx = cursor === null ? frames.length - 1 : Math.min(cursor, frames.length - 1);
  return (
    <div className="scrubber row">
      <label htmlFor="router-scrubber">Step</label>
      <input id="router-scrubber" type="range" min={0} max={frames.length - 1} value={idx} aria-label="Router timeline"
        aria-valuetext={`step ${frames[idx].step}`} onChange={(e) => setCursor(Number(e.target.value))} style={{ flex: 1 }} />
      <output data-testid="scrubber-step" className="stat-inline">step {frames[idx].step}</output>
      <span className="muted">({idx + 1} of {frames.length})</span>
      <button onClick={() => setCursor(null)} disabled={cursor === null}>Follow latest</button>
    </div>
  );
}
