// A line chart of step metrics with a hover tooltip showing the step and every series' value.
// Series colours come from the caller (langColor for per-language series).

import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
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

export const MetricLineChart = memo(function MetricLineChart({ title, data, series, height = 200, emptyText = 'no data yet' }: Props) {
  const present = series.filter((s) => data.some((d) => typeof d[s.key] === 'number'));
  return (
    <figure className="chart" aria-label={title} data-points={data.length}>
      <figcaption>{title}</figcaption>
      {present.length === 0 ? (
        <p className="muted chart-empty" style={{ height }}>{emptyText}</p>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data as Record<string, number>[]} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} tickFormatter={formatTick} width={64} domain={['auto', 'auto']} />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(step) => `step ${step}`}
              formatter={(v) => (typeof v === 'number' ? formatNumber(v) : String(v))}
            />
            {present.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
            {present.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={data.length <= 12}
                isAnimationActive={false} connectNulls strokeWidth={2} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});
