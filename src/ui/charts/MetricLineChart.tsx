// A line chart of step metrics with a hover tooltip showing the step and every series' value.
// Series colours come from the caller (langColor for per-language series).

import { memo, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatTick } from './format';
import { smoothSeries } from './smoothing';

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
  /**
   * many series (e.g. 15 languages): the legend's entries hide/show their series and highlight it on
   * hover, and a smoothing control draws an exponential moving average
   */
  interactive?: boolean;
}

const SMOOTHING = [0, 0.6, 0.9] as const;

// Props recharts stores in its chart state are module constants: a fresh object or function on
// every render would make each redraw dispatch them again and recompute every selector.
const MARGIN = { top: 4, right: 12, bottom: 4, left: 0 };
const TICK = { fontSize: 12 };
const X_DOMAIN = ['dataMin', 'dataMax'];
const Y_DOMAIN = ['auto', 'auto'];
const stepLabel = (step: unknown) => `step ${step}`;
const valueText = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v));

export const MetricLineChart = memo(function MetricLineChart({ title, data, series, height = 200, emptyText = 'no data yet', interactive = false }: Props) {
  const present = series.filter((s) => data.some((d) => typeof d[s.key] === 'number'));
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [hover, setHover] = useState<string | null>(null);
  const [smoothing, setSmoothing] = useState<number>(0);
  const drawn = interactive ? present.filter((s) => !hidden.has(s.key)) : present;
  const keys = useMemo(() => present.map((s) => s.key), [present]);
  const shown = useMemo(() => (interactive && smoothing > 0 ? smoothSeries(data as Record<string, number>[], keys, smoothing) : data), [interactive, smoothing, data, keys]);
  const toggle = (key: string) => setHidden((h) => {
    const next = new Set(h);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
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
          <LineChart data={shown as Record<string, number>[]} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="step" type="number" domain={X_DOMAIN} allowDecimals={false} tick={TICK} interval={0} />
            <YAxis tick={TICK} tickFormatter={formatTick} width={64} domain={Y_DOMAIN} interval={0} />
            <Tooltip isAnimationActive={false} labelFormatter={stepLabel} formatter={valueText} />
            {drawn.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={data.length <= 12}
                isAnimationActive={false} connectNulls
                strokeWidth={hover === s.key ? 3.5 : 2} strokeOpacity={hover && hover !== s.key ? 0.15 : 1} />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {present.length === 0 && <p className="muted chart-empty">{emptyText}</p>}
      </div>
      {interactive && present.length > 1 && (
        <div className="chart-legend interactive" role="group" aria-label={`${title}: series`}>
          {present.map((s) => (
            <button key={s.key} type="button" className="chart-legend-item" aria-pressed={!hidden.has(s.key)}
              title={hidden.has(s.key) ? `show ${s.label}` : `hide ${s.label}`}
              onClick={() => toggle(s.key)} onMouseEnter={() => setHover(s.key)} onMouseLeave={() => setHover(null)}
              onFocus={() => setHover(s.key)} onBlur={() => setHover(null)}>
              <span className="chart-swatch" style={{ background: hidden.has(s.key) ? 'transparent' : s.color, borderColor: s.color }} />{s.label}
            </button>
          ))}
          <button type="button" className="chart-legend-item" onClick={() => setHidden(new Set())} disabled={hidden.size === 0}>all</button>
          <button type="button" className="chart-legend-item" onClick={() => setHidden(new Set(keys))} disabled={hidden.size === keys.length}>none</button>
          <label className="chart-smoothing">
            smoothing{' '}
            <select aria-label={`${title}: smoothing`} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))}>
              {SMOOTHING.map((w) => <option key={w} value={w}>{w === 0 ? 'off' : `EMA ${w}`}</option>)}
            </select>
          </label>
        </div>
      )}
      {!interactive && present.length > 1 && (
        <ul className="chart-legend" aria-label={`${title}: series`}>
          {present.map((s) => <li key={s.key}><span className="chart-swatch" style={{ background: s.color }} />{s.label}</li>)}
        </ul>
      )}
    </figure>
  );
});
