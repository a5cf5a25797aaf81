// The training-health charts, updated every step from the bounded history (decimated for drawing),
// or from an opened metrics.jsonl.

import { useMemo } from 'react';
import { useRunStore } from '../../store/run-store';
import { decimate } from '../../store/bounded-history';
import { MetricLineChart } from '../../charts/MetricLineChart';
import { Histogram } from '../../charts/Histogram';
import { HEALTH_CHARTS, perLanguageRewardSeries } from './train-charts';

const MAX_POINTS = 400;

export function HealthCharts() {
  const live = useRunStore((s) => s.history);
  const file = useRunStore((s) => s.metricsFile);
  const showFile = useRunStore((s) => s.showFile);
  const advantages = useRunStore((s) => s.advantages);
  const history = useMemo(
    () => (showFile && file ? file.rows.map((r) => ({ ...r.metrics, step: r.step })) : live),
    [showFile, file, live],
  );
  const data = useMemo(() => decimate(history, MAX_POINTS), [history]);
  const perLang = useMemo(() => perLanguageRewardSeries(history), [history]);
  return (
    <div className="grid charts">
      <MetricLineChart title={HEALTH_CHARTS[0].title} data={data} series={HEALTH_CHARTS[0].series} />
      <MetricLineChart title="Reward per target language" data={data} series={perLang} />
      {HEALTH_CHARTS.slice(1).map((c) => <MetricLineChart key={c.id} title={c.title} data={data} series={c.series} />)}
      {!showFile && <Histogram title="Advantages of the latest step" values={advantages} />}
    </div>
  );
}
