// One bar per language in the language's colour (e.g. the share of rollouts per language).

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { langColor } from './lang-colors';

interface Props {
  title: string;
  values: Record<string, number>;
  langs: readonly string[];
  height?: number;
  format?: (v: number) => string;
}

export function LangBarChart({ title, values, langs, height = 200, format = (v) => v.toFixed(3) }: Props) {
  const data = langs.map((l) => ({ lang: l, value: values[l] ?? 0 }));
  const any = data.some((d) => d.value !== 0);
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {!any ? (
        <p className="muted chart-empty" style={{ height }}>no data yet</p>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="lang" tick={{ fontSize: 12 }} interval={0} />
            <YAxis tick={{ fontSize: 12 }} width={48} />
            <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? format(v) : String(v))} />
            <Bar dataKey="value" name={title} isAnimationActive={false}>
              {data.map((d) => <Cell key={d.lang} fill={langColor(d.lang)} />)}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
