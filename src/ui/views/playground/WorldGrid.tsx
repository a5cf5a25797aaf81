// The world's reward grid: contexts x languages, each cell a mean (and spread for Gaussian
// rewards). With a drifting world, the grid edits either phase.

import { useState } from 'react';
import { langColor } from '../../charts/lang-colors';
import { contextLabel, bestArm } from '../../../lrpo/playground/world';
import { usePlaygroundStore } from '../../store/playground-store';

function Cell(props: { value: number; onCommit(v: number): void; label: string; tint?: boolean }) {
  const [text, setText] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const v = Number(text);
    setText(null);
    if (text.trim() !== '' && Number.isFinite(v) && v >= 0 && v <= 1 && v !== props.value) props.onCommit(v);
  };
  const bad = text !== null && !(Number(text) >= 0 && Number(text) <= 1);
  return (
    <input
      className="pg-cell"
      aria-label={props.label}
      aria-invalid={bad || undefined}
      title={bad ? 'a number between 0 and 1' : props.label}
      style={props.tint ? { background: `rgba(48, 86, 211, ${0.08 + 0.5 * props.value})` } : undefined}
      value={text ?? String(props.value)}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

export function WorldGrid() {
  const world = usePlaygroundStore((s) => s.spec.world);
  const setSpec = usePlaygroundStore((s) => s.setSpec);
  const [phase, setPhase] = useState<'before' | 'after'>('before');
  const [show, setShow] = useState<'mean' | 'spread'>('mean');
  const drifted = phase === 'after' && world.drift;
  const grid = show === 'spread' ? world.spreads : drifted ? world.drift!.means : world.means;
  const setCell = (c: number, l: number, v: number) =>
    setSpec((s) => {
      const w = s.world;
      if (show === 'spread') w.spreads[c][l] = v;
      else if (drifted && w.drift) w.drift.means[c][l] = v;
      else w.means[c][l] = v;
      return s;
    });
  return (
    <div>
      <div className="row">
        <label>
          edit{' '}
          <select aria-label="grid values" value={show} onChange={(e) => setShow(e.target.value as 'mean' | 'spread')}>
            <option value="mean">mean reward</option>
            <option value="spread" disabled={world.kind === 'bernoulli'}>spread (Gaussian std)</option>
          </select>
        </label>
        {world.drift && show === 'mean' && (
          <label>
            phase{' '}
            <select aria-label="drift phase" value={phase} onChange={(e) => setPhase(e.target.value as 'before' | 'after')}>
              <option value="before">before step {world.drift.atStep}</option>
              <option value="after">from step {world.drift.atStep}</option>
            </select>
          </label>
        )}
        <span className="muted">highlighted: the best language of each context</span>
      </div>
      <div className="pg-scroll">
        <table className="pg-grid" aria-label="true reward grid">
          <thead>
            <tr>
              <th>context</th>
              {world.languages.map((l) => (
                <th key={l} style={{ color: langColor(l) }}>{l}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {world.contexts.map((c, ci) => {
              const best = bestArm((drifted ? world.drift!.means : world.means)[ci]);
              return (
                <tr key={ci}>
                  <th scope="row">{contextLabel(c)}</th>
                  {world.languages.map((l, li) => (
                    <td key={l} className={li === best && show === 'mean' ? 'pg-best' : undefined}>
                      <Cell value={grid[ci][li]} tint={show === 'mean'} label={`${show} ${contextLabel(c)} ${l}`} onCommit={(v) => setCell(ci, li, v)} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
