// A bar chart of accuracy per group (language, region, setting, seen/unseen); a click on a bar
// filters the items table to that group.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GroupStats } from '../../../eval/metrics';

interface Props {
  title: string;
  groups: readonly GroupStats[];
  colorOf: (key: string) => string;
  onPick: (key: string) => void;
}

export function BreakdownChart({ title, groups, colorOf, onPick }: Props) {
  const data = groups.map((g) => ({ key: g.key, accuracy: +(100 * g.accuracy).toFixed(2), correct: g.correct, n: g.n }));
  return (
    <figure className="eval-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" interval={0} tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} unit="%" width={44} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, _n, item) => [`${v}% (${item.payload.correct}/${item.payload.n})`, 'accuracy']} />
          <Bar dataKey="accuracy" isAnimationActive={false} onClick={(_d, i) => data[i] && onPick(data[i].key)} cursor="pointer">
            {data.map((d) => (
              <Cell key={d.key} fill={colorOf(d.key)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
