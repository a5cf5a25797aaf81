// Stacked areas of a distribution over steps (one band per language, the language's colour).

import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { langColor } from './lang-colors';

interface Props {
  title: string;
  data: readonly Record<string, number>[];
  langs: readonly string[];
  height?: number;
  /** a vertical marker at this step (the scrubber) */
  markStep?: number;
}

// constant props (see MetricLineChart): recharts keeps them in its state and re-dispatches new ones
const MARGIN = { top: 4, right: 12, bottom: 4, left: 0 };
const TICK = { fontSize: 12 };
const X_DOMAIN = ['dataMin', 'dataMax'];
const Y_DOMAIN = [0, 1];
const stepLabel = (s: unknown) => `step ${s}`;
const probText = (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : String(v));

export const StackedAreaChart = memo(function StackedAreaChart({ title, data, langs, height = 240 }: Props) {
  return (
    <figure className="chart" aria-label={title} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <div className="chart-body" style={{ height }}>
        <ResponsiveContainer width="100%" height={height}>
          <AreaChart data={data as Record<string, number>[]} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="step" type="number" domain={X_DOMAIN} allowDecimals={false} tick={TICK} interval={0} />
            <YAxis domain={Y_DOMAIN} tick={TICK} width={40} interval={0} />
            <Tooltip isAnimationActive={false} labelFormatter={stepLabel} formatter={probText} />
            {langs.map((l) => (
              <Area key={l} type="monotone" dataKey={l} stackId="1" stroke={langColor(l)} fill={langColor(l)}
                fillOpacity={0.75} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
        {data.length === 0 && <p className="muted chart-empty">no data yet</p>}
      </div>
    </figure>
  );
});
