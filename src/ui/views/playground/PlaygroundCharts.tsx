// What the playground shows for the chosen context: per router the effective probabilities over
// steps (stacked), tau and eps, the share of routed rollouts per language; for all routers the
// cumulative regret. Colours: one per language (as in every studio chart), one per router column.

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { langColor } from '../../charts/lang-colors';
import type { ColumnSeries } from '../../store/playground-store';
import { probabilityRows, regretRows, scheduleRows, shareRows } from './chart-data';
import { COLUMN_COLORS, columnName } from './RunControls';

const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : String(v));

export function ProbabilityChart({ series, context, languages, best }: { series: ColumnSeries; context: number; languages: string[]; best: string | null }) {
  const rows = probabilityRows(series, context, languages);
  return (
    <figure className="pg-chart" aria-label="effective probabilities over steps">
      <figcaption>Effective probabilities{best ? <> — true best: <b style={{ color: langColor(best) }}>{best}</b></> : null}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} />
          <Tooltip formatter={fmt} />
          {languages.map((l) => (
            <Area key={l} type="linear" dataKey={l} stackId="p" stroke={langColor(l)} fill={langColor(l)} fillOpacity={l === best ? 0.95 : 0.55} strokeWidth={l === best ? 2 : 0.5} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ScheduleChart({ series }: { series: ColumnSeries }) {
  return (
    <figure className="pg-chart" aria-label="tau and eps">
      <figcaption>τ and ε per step{series.algorithm !== 'softmax_eps' ? ' (τ is not used by this router)' : ''}</figcaption>
      <ResponsiveContainer width="100%" height={140}>
        <LineChart data={scheduleRows(series)} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          <YAxis domain={[0, 'auto']} />
          <Tooltip formatter={fmt} />
          <Legend />
          <Line dataKey="tau" name="τ" stroke="#6741d9" dot={false} isAnimationActive={false} />
          <Line dataKey="eps" name="ε" stroke="#e8590c" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function ShareChart({ series, context, languages }: { series: ColumnSeries; context: number | null; languages: string[] }) {
  const rows = shareRows(series, context, languages);
  return (
    <figure className="pg-chart" aria-label="share of routed rollouts">
      <figcaption>Share of routed rollouts per language ({context === null ? 'all contexts' : 'this context'})</figcaption>
      <ResponsiveContainer width="100%" height={140}>
        <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <XAxis dataKey="lang" interval={0} fontSize={11} />
          <YAxis domain={[0, 'auto']} />
          <Tooltip formatter={fmt} />
          <Bar dataKey="share" isAnimationActive={false}>
            {rows.map((r) => <Cell key={r.lang} fill={langColor(r.lang)} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function RegretChart({ series }: { series: ColumnSeries[] }) {
  const rows = regretRows(series);
  return (
    <figure className="pg-chart" aria-label="cumulative regret">
      <figcaption>Cumulative regret against always choosing the best language (expected reward lost by routed rollouts, all contexts)</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          <YAxis />
          <Tooltip formatter={fmt} />
          <Legend />
          {series.map((s, i) => (
            <Line key={i} dataKey={`r${i}`} name={columnName(i, s.algorithm)} stroke={COLUMN_COLORS[i]} strokeWidth={2} dot={false} isAnimationActive={false} className={`pg-regret-${i}`} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
