// One chosen context's language distribution over steps (stacked area), with tau and epsilon beside it.

import { useMemo } from 'react';
import { currentFrames, useRouterStore } from '../../store/router-store';
import { StackedAreaChart } from '../../charts/StackedAreaChart';
import { MetricLineChart, type Series } from '../../charts/MetricLineChart';
import { decimate } from '../../store/bounded-history';
import { InView } from '../../charts/InView';
import { contextSeries, contextsOf, langsOf, scheduleSeries } from './router-derive';

const SCHEDULES: Series[] = [{ key: 'tau', label: 'τ (temperature)', color: '#d95f02' }, { key: 'eps', label: 'ε (exploration)', color: '#3056d3' }];

export function ContextPanel() {
  const frames = useRouterStore(currentFrames);
  const cursor = useRouterStore((s) => s.cursor);
  const chosen = useRouterStore((s) => s.context);
  const setContext = useRouterStore((s) => s.setContext);
  const source = useRouterStore((s) => s.source);
  const upto = useMemo(() => (cursor === null ? frames : frames.slice(0, cursor + 1)), [frames, cursor]);
  const contexts = useMemo(() => contextsOf(frames), [frames]);
  const langs = useMemo(() => langsOf(frames), [frames]);
  const ctx = chosen && contexts.includes(chosen) ? chosen : contexts[0];
  const series = useMemo(() => (ctx ? decimate(contextSeries(upto, ctx, 'effective'), 300) : []), [upto, ctx]);
  const sched = useMemo(() => decimate(scheduleSeries(upto), 300), [upto]);
  if (!ctx) return <p className="muted">No router steps yet.</p>;
  return (
    <div className="context-panel">
      <div className="row">
        <label htmlFor="ctx-select">Context</label>
        <select id="ctx-select" value={ctx} onChange={(e) => setContext(e.target.value)}>
          {contexts.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <div className="grid two">
        <InView props={{ title: `${ctx}: effective language distribution`, data: series, langs }} render={(p) => <StackedAreaChart {...p} />}
          placeholderHeight={240} />
        <InView props={{ title: source === 'replay' ? 'Schedules (ε recovered from the log; τ is not logged)' : 'Schedules τ and ε', data: sched, series: SCHEDULES }}
          render={(p) => <MetricLineChart {...p} />} />
      </div>
    </div>
  );
}
