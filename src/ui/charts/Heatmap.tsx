// A heatmap as a CSS grid: rows (e.g. router contexts) by columns (languages). Each cell shows its
// colour; hovering a cell shows row, column and the exact value (and the readout under the grid).

import { useState } from 'react';
import { langColor } from './lang-colors';
import { divergingHeatColor, heatColor, heatTextColor } from './heat-scale';

interface Props {
  title: string;
  rows: readonly string[];
  cols: readonly string[];
  value: (row: string, col: string) => number | undefined;
  /** top of the colour scale (defaults to the largest value) */
  max?: number;
  onRowClick?: (row: string) => void;
  selectedRow?: string | null;
  showNumbers?: boolean;
  /** a diverging scale centred here (e.g. uniform 1/L) instead of white-to-blue from 0 */
  centre?: number;
}

export function Heatmap({ title, rows, cols, value, max, onRowClick, selectedRow, showNumbers = false, centre }: Props) {
  const colour = (v: number, top: number) => (centre === undefined ? heatColor(v, top) : divergingHeatColor(v, centre, top));
  const [hover, setHover] = useState<{ row: string; col: string; v: number } | null>(null);
  let top = max ?? 0;
  if (max === undefined) for (const r of rows) for (const c of cols) top = Math.max(top, value(r, c) ?? 0);
  return (
    <figure className="chart heatmap" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="heatmap-grid" role="table" style={{ gridTemplateColumns: `minmax(140px, max-content) repeat(${cols.length}, minmax(34px, 1fr))` }}>
        <div role="row" style={{ display: 'contents' }}>
          <span role="columnheader" />
          {cols.map((c) => (
            <span key={c} role="columnheader" className="heatmap-col" style={{ borderBottomColor: langColor(c) }}>{c}</span>
          ))}
        </div>
        {rows.map((r) => (
          <div role="row" key={r} style={{ display: 'contents' }}>
            <span role="rowheader" className={r === selectedRow ? 'heatmap-row selected' : 'heatmap-row'}
              onClick={onRowClick ? () => onRowClick(r) : undefined} title={onRowClick ? 'show this context over steps' : undefined}>
              {r}
            </span>
            {cols.map((c) => {
              const v = value(r, c);
              return (
                <span key={c} role="cell" className="heatmap-cell" data-row={r} data-col={c}
                  style={{ background: v === undefined ? '#eee' : colour(v, top), color: v === undefined ? '#999' : heatTextColor(v, top) }}
                  title={v === undefined ? `${r} · ${c}: –` : `${r} · ${c}: ${v.toFixed(4)}`}
                  onMouseEnter={() => v !== undefined && setHover({ row: r, col: c, v })}
                  onMouseLeave={() => setHover(null)}>
                  {showNumbers && v !== undefined ? v.toFixed(2) : ''}
                </span>
              );
            })}
          </div>
        ))}
      </div>
      <p className="heatmap-readout muted" aria-live="polite">
        {hover ? `${hover.row} · ${hover.col}: ${hover.v.toFixed(4)}` : 'hover a cell for its value'}
      </p>
      <div className="heatmap-scale" aria-hidden>
        <span>0</span>
        <span className="heatmap-bar" style={{ background: centre === undefined ? `linear-gradient(90deg, ${heatColor(0, 1)}, ${heatColor(1, 1)})`
          : `linear-gradient(90deg, ${colour(0, top)}, ${colour(centre, top)}, ${colour(top, top)})` }} />
        {centre !== undefined && <span>uniform {centre.toFixed(2)} in the middle</span>}
        <span>{top.toFixed(2)}</span>
      </div>
    </figure>
  );
}
