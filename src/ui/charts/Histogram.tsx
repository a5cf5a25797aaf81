// A histogram of one sample (e.g. the advantages of the latest step) with counts on hover.

import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { histogramBins } from './histogram-bins';

interface Props {
  title: string;
  values: readonly number[];
  bins?: number;
  color?: string;
  height?: number;
}

export const Histogram = memo(function Histogram({ title, values, bins = 21, color = '#3056d3', height = 200 }: Props) {
  const data = histogramBins(values, bins);
  return (
    <figure className="chart" aria-label={title} data-points={values.length}>
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p className="muted chart-empty" style={{ height }}>no data yet</p>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(_, p) => {
                const b = p?.[0]?.payload as { lo: number; hi: number } | undefined;
                return b ? `[${b.lo.toFixed(3)}, ${b.hi.toFixed(3)})` : '';
              }}
            />
            <Bar dataKey="count" name="rollouts" fill={color} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});
