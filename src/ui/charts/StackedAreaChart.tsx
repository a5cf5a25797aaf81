// Stacked areas of a distribution over steps (one band per language, the language's colour).

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

export function StackedAreaChart({ title, data, langs, height = 240 }: Props) {
  return (
    <figure className="chart" aria-label={title} data-points={data.length}>
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p className="muted chart-empty" style={{ height }}>no data yet</p>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <AreaChart data={data as Record<string, number>[]} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis domain={[0, 1]} tick={{ fontSize: 12 }} width={40} />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(s) => `step ${s}`}
              formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))}
            />
            {langs.map((l) => (
              <Area key={l} type="monotone" dataKey={l} stackId="1" stroke={langColor(l)} fill={langColor(l)}
                fillOpacity={0.75} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
