// A line chart of step metrics with a hover tooltip showing the step and every series' value.
// Series colours come from the caller (langColor for per-language series).

import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatTick } from './format';

export interface Series {
  key: string;
  label: string;
  color: string;
}

interface Props {
  title: string;
  data: readonly Record<string, number>[];
  series: readonly Series[];
  height?: number;
  /** shown when no point has any of the series */
  emptyText?: string;
}

// Props recharts stores in its chart state are module constants: a fresh object or function on
// every render would make each redraw dispatch them again and recompute every selector.
const MARGIN = { top: 4, right: 12, bottom: 4, left: 0 };
const TICK = { fontSize: 12 };
const X_DOMAIN = ['dataMin', 'dataMax'];
const Y_DOMAIN = ['auto', 'auto'];
const stepLabel = (step: unknown) => `step ${step}`;
const valueText = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v));

export const MetricLineChart = memo(function MetricLineChart({ title, data, series, height = 200, emptyText = 'no data yet' }: Props) {
  const present = series.filter((s) => data.some((d) => typeof d[s.key] === 'number'));
  // The chart stays mounted while it has nothing to draw (the note lies over its empty axes):
  // mounting a recharts chart costs several times an update, and the first step should only update.
  // interval={0}: the few "nice" ticks never collide, and recharts then skips measuring every label.
  // The legend is plain HTML below the plot: recharts' own legend measures itself in the DOM and
  // feeds its size back into the chart's layout, which costs a second layout pass on every redraw.
  return (
    <figure className="chart" aria-label={title} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <div className="chart-body" style={{ height }}>
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data as Record<string, number>[]} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="step" type="number" domain={X_DOMAIN} allowDecimals={false} tick={TICK} interval={0} />
            <YAxis tick={TICK} tickFormatter={formatTick} width={64} domain={Y_DOMAIN} interval={0} />
            <Tooltip isAnimationActive={false} labelFormatter={stepLabel} formatter={valueText} />
            {present.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={data.length <= 12}
                isAnimationActive={false} connectNulls strokeWidth={2} />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {present.length === 0 && <p className="muted chart-empty">{emptyText}</p>}
      </div>
      {present.length > 1 && (
        <ul className="chart-legend" aria-label={`${title}: series`}>
          {present.map((s) => <li key={s.key}><span className="chart-swatch" style={{ background: s.color }} />{s.label}</li>)}
        </ul>
      )}
    </figure>
  );
});
