// A horizontal bar chart of counts (examples per topic, region or language). Bars of the language
// chart use each language's colour from lang-colors.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Count } from '../../../data/summary';
import { langColor } from '../../charts/lang-colors';
import { axisWidth, fitLabel } from '../../charts/axis-label';

const FONT = 12;
const ROW = 24;

/** One-line tick: long names are cut with an ellipsis (the full name is the tick's title and in the tooltip). */
function CategoryTick({ x, y, payload, width }: { x?: number; y?: number; payload?: { value: string }; width: number }) {
  const full = String(payload?.value ?? '');
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={FONT} fill="#1d1d27">
      <title>{full}</title>
      {fitLabel(full, width - 10, FONT)}
    </text>
  );
}

interface Props {
  title: string;
  counts: readonly Count[];
  /** colour bars by language (keys are language codes) */
  byLanguage?: boolean;
  max?: number;
}

export function CountChart({ title, counts, byLanguage = false, max = 30 }: Props) {
  const data = counts.slice(0, max).map((c) => ({ key: c.key, count: c.count }));
  const height = Math.max(80, data.length * ROW + 30);
  const yWidth = axisWidth(data.map((d) => d.key), FONT);
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
            <YAxis type="category" dataKey="key" width={yWidth} interval={0} tick={<CategoryTick width={yWidth} />} />
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
