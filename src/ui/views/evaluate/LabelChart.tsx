// The label distribution as bars (counts); a click filters the items table to that label.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { COUNT_KEYS, type LabelCounts } from '../../../eval/metrics';
import { LABEL_COLORS } from './format';

const SHORT: Record<string, string> = { CORRECT_BUT_WRONG_LANGUAGE: 'WRONG LANG', NOT_ATTEMPTED: 'NOT ATTEMPTED' };

export function LabelChart({ counts, onPick }: { counts: LabelCounts; onPick: (label: string) => void }) {
  const data = COUNT_KEYS.map((k) => ({ key: k, short: SHORT[k] ?? k, count: counts[k] }));
  return (
    <figure className="eval-chart" aria-label="Label distribution">
      <figcaption>Label distribution</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="short" interval={0} tick={{ fontSize: 10 }} angle={-20} textAnchor="end" height={48} />
          <YAxis allowDecimals={false} width={36} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar dataKey="count" isAnimationActive={false} onClick={(_d, i) => data[i] && onPick(data[i].key)} cursor="pointer">
            {data.map((d) => (
              <Cell key={d.key} fill={LABEL_COLORS[d.key]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
