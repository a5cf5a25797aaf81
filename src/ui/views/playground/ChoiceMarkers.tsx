// Per context: the true best language now, and each router's top choice (arg-max of its effective
// distribution) marked right or wrong, with how often it was right over the last 50 steps. A
// click on a context shows its charts.

import { contextLabel, type World } from '../../../lrpo/playground/world';
import type { ColumnSeries } from '../../store/playground-store';
import { hitRate } from './chart-data';
import { LangChip } from './fields';
import { columnName, COLUMN_COLORS } from './RunControls';

export function ChoiceMarkers(props: { world: World; series: ColumnSeries[]; context: number; onSelect(c: number): void }) {
  const { world, series } = props;
  const last = (s: ColumnSeries) => s.topChoice.length - 1;
  return (
    <table aria-label="router top choice vs true best">
      <thead>
        <tr>
          <th>context</th>
          <th>true best</th>
          {series.map((s, i) => <th key={i} style={{ color: COLUMN_COLORS[i] }}>{columnName(i, s.algorithm)}</th>)}
        </tr>
      </thead>
      <tbody>
        {world.contexts.map((c, ci) => {
          const ref = series[0];
          const bestIdx = ref && last(ref) >= 0 ? ref.best[last(ref)][ci] : null;
          return (
            <tr key={ci} className={ci === props.context ? 'pg-selected' : undefined}>
              <th scope="row">
                <button className="pg-link" aria-pressed={ci === props.context} onClick={() => props.onSelect(ci)}>{contextLabel(c)}</button>
              </th>
              <td>{bestIdx !== null ? <LangChip code={world.languages[bestIdx]} /> : '—'}</td>
              {series.map((s, i) => {
                if (last(s) < 0) return <td key={i}>—</td>;
                const top = s.topChoice[last(s)][ci];
                const right = top === s.best[last(s)][ci];
                const rate = hitRate(s, ci);
                return (
                  <td key={i} data-testid={`choice-${i}-${ci}`}>
                    <LangChip code={world.languages[top]} mark={right ? '✓' : '✗'} />{' '}
                    <span className="muted">{rate !== null ? `${Math.round(rate * 100)}% right, last 50 steps` : ''}</span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
