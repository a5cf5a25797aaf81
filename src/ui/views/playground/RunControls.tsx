// Routers side by side (up to three, same world and seed), and play / pause / step / reset / speed.

import type { RouterAlgorithm } from '../../../lrpo/config';
import { SPEEDS, usePlaygroundStore } from '../../store/playground-store';
import { ALGORITHMS, MAX_COLUMNS } from './playground-spec';

export const COLUMN_COLORS = ['#3056d3', '#d9480f', '#2b8a3e'];

export function columnName(i: number, alg: RouterAlgorithm): string {
  return `${i + 1}: ${ALGORITHMS.find((a) => a.id === alg)?.label ?? alg}`;
}

export function RunControls() {
  const spec = usePlaygroundStore((s) => s.spec);
  const step = usePlaygroundStore((s) => s.step);
  const running = usePlaygroundStore((s) => s.running);
  const speed = usePlaygroundStore((s) => s.stepsPerTick);
  const rate = usePlaygroundStore((s) => s.stepsPerSecond);
  const { setSpec, play, pause, stepBy, reset, setSpeed } = usePlaygroundStore.getState();
  const done = step >= spec.steps;
  const setColumn = (i: number, alg: RouterAlgorithm) => setSpec((s) => ({ ...s, columns: s.columns.map((c, k) => (k === i ? alg : c)) }));
  return (
    <section className="panel" aria-label="Run">
      <div className="row">
        <strong>Routers:</strong>
        {spec.columns.map((alg, i) => (
          <span key={i} className="pg-column" style={{ borderColor: COLUMN_COLORS[i] }}>
            <select aria-label={`router ${i + 1}`} value={alg} onChange={(e) => setColumn(i, e.target.value as RouterAlgorithm)}>
              {ALGORITHMS.map((a) => <option key={a.id} value={a.id}>{i + 1}: {a.label}</option>)}
            </select>
            {spec.columns.length > 1 && (
              <button aria-label={`remove router ${i + 1}`} onClick={() => setSpec((s) => ({ ...s, columns: s.columns.filter((_, k) => k !== i) }))}>×</button>
            )}
          </span>
        ))}
        {spec.columns.length < MAX_COLUMNS && (
          <button onClick={() => setSpec((s) => ({ ...s, columns: [...s.columns, ALGORITHMS.find((a) => !s.columns.includes(a.id))?.id ?? 'softmax_eps'] }))}>+ add router</button>
        )}
      </div>
      <div className="row">
        {running ? (
          <button className="primary" onClick={pause}>Pause</button>
        ) : (
          <button className="primary" onClick={play} disabled={done}>Play</button>
        )}
        <button onClick={() => stepBy(1)} disabled={done}>Step</button>
        <button onClick={() => stepBy(10)} disabled={done}>+10</button>
        <button onClick={reset}>Reset</button>
        <label>
          speed{' '}
          <select aria-label="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s} steps / frame</option>)}
          </select>
        </label>
        <span className="stat" aria-live="polite">
          <b data-testid="pg-step">{step}</b> of {spec.steps} steps
        </span>
        {rate > 0 && <span className="muted">{Math.round(rate).toLocaleString()} steps/s per router set</span>}
      </div>
    </section>
  );
}
