// A horizontal bar chart of counts (examples per topic, region or language). Bars of the language
// chart use each language's colour from lang-colors.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Count } from '../../../data/summary';
import { langColor } from '../../charts/lang-colors';

interface Props {
  title: string;
  counts: readonly Count[];
  /** colour bars by language (keys are language codes) */
  byLanguage?: boolean;
  max?: number;
}

export function CountChart({ title, counts, byLanguage = false, max = 30 }: Props) {
  const data = counts.slice(0, max).map((c) => ({ key: c.key, count: c.count }));
  const height = Math.max(80, data.length * 20 + 30);
  return (
    <figure className="chart data-count-chart" aria-label={title}>
      <figcaption>
        {title}
        {counts.length > max && <span className="muted"> (top {max} of {counts.length})</span>}
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">no data</p>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="key" width={140} interval={0} tick={{ fontSize: 12 }} />
            <Tooltip isAnimationActive={false} />
            <Bar dataKey="count" name="examples" isAnimationActive={false} fill="#3056d3">
              {byLanguage && data.map((d) => <Cell key={d.key} fill={langColor(d.key)} />)}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
