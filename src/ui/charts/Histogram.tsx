// A histogram of one sample (e.g. the advantages of the latest step) with counts on hover.

import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { histogramBins } from './histogram-bins';

interface Props {
  title: string;
  values: readonly number[];
  bins?: number;
  color?: string;
  height?: number;
}

// constant props (see MetricLineChart): recharts keeps them in its state and re-dispatches new ones
const MARGIN = { top: 4, right: 12, bottom: 4, left: 0 };
const X_TICK = { fontSize: 11 };
const Y_TICK = { fontSize: 12 };
const binLabel = (_: unknown, p: readonly { payload?: unknown }[]) => {
  const b = p?.[0]?.payload as { lo: number; hi: number } | undefined;
  return b ? `[${b.lo.toFixed(3)}, ${b.hi.toFixed(3)})` : '';
};

/** Show every k-th bin label (about 7 in all): a fixed choice, so recharts need not measure labels to avoid collisions. */
const labelEvery = (bins: number) => Math.max(0, Math.ceil(bins / 7) - 1);

export const Histogram = memo(function Histogram({ title, values, bins = 21, color = '#3056d3', height = 200 }: Props) {
  const data = useMemo(() => histogramBins(values, bins), [values, bins]);
  return (
    <figure className="chart" aria-label={title} data-points={values.length}>
      <figcaption>{title}</figcaption>
      <div className="chart-body" style={{ height }}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="label" tick={X_TICK} interval={labelEvery(data.length)} />
            <YAxis allowDecimals={false} tick={Y_TICK} width={40} interval={0} />
            <Tooltip isAnimationActive={false} labelFormatter={binLabel} />
            <Bar dataKey="count" name="rollouts" fill={color} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        {data.length === 0 && <p className="muted chart-empty">no data yet</p>}
      </div>
    </figure>
  );
});
