// One bar per language in the language's colour (e.g. the share of rollouts per language).

import { memo, useCallback, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { langColor } from './lang-colors';

const defaultFormat = (v: number) => v.toFixed(3);
// constant props (see MetricLineChart): recharts keeps them in its state and re-dispatches new ones
const MARGIN = { top: 4, right: 12, bottom: 4, left: 0 };
const TICK = { fontSize: 12 };

interface Props {
  title: string;
  values: Record<string, number>;
  langs: readonly string[];
  height?: number;
  format?: (v: number) => string;
}

export const LangBarChart = memo(function LangBarChart({ title, values, langs, height = 200, format = defaultFormat }: Props) {
  const data = useMemo(() => langs.map((l) => ({ lang: l, value: values[l] ?? 0 })), [langs, values]);
  const tooltipText = useCallback((v: unknown) => (typeof v === 'number' ? format(v) : String(v)), [format]);
  const any = data.some((d) => d.value !== 0);
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="chart-body" style={{ height }}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} margin={MARGIN}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e4e4ec" />
            <XAxis dataKey="lang" tick={TICK} interval={0} />
            <YAxis tick={TICK} width={48} interval={0} />
            <Tooltip isAnimationActive={false} formatter={tooltipText} />
            <Bar dataKey="value" name={title} isAnimationActive={false}>
              {data.map((d) => <Cell key={d.lang} fill={langColor(d.lang)} />)}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
        {!any && <p className="muted chart-empty">no data yet</p>}
      </div>
    </figure>
  );
});
