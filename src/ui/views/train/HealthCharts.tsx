// The training-health charts, updated every step from the bounded history (decimated for drawing),
// or from an opened metrics.jsonl.

import { memo, useDeferredValue, useMemo } from 'react';
import { useRunStore } from '../../store/run-store';
import { decimate } from '../../store/bounded-history';
import { MetricLineChart } from '../../charts/MetricLineChart';
import { Histogram } from '../../charts/Histogram';
import { InView } from '../../charts/InView';
import { HEALTH_CHARTS, perLanguageRewardSeries } from './train-charts';

const MAX_POINTS = 400;

// Charts off screen keep their last drawing (InView) and cost nothing per step.
// Charts read deferred values: React renders them at transition priority, in slices that yield to
// the browser, so a new step never blocks input or animation for long on a slow machine.
export const HealthCharts = memo(function HealthCharts() {
  const live = useDeferredValue(useRunStore((s) => s.history));
  const file = useRunStore((s) => s.metricsFile);
  const showFile = useRunStore((s) => s.showFile);
  const advantages = useDeferredValue(useRunStore((s) => s.advantages));
  const history = useMemo(
    () => (showFile && file ? file.rows.map((r) => ({ ...r.metrics, step: r.step })) : live),
    [showFile, file, live],
  );
  const data = useMemo(() => decimate(history, MAX_POINTS), [history]);
  const perLang = useMemo(() => perLanguageRewardSeries(history), [history]);
  return (
    <div className="grid charts">
      {[{ id: 'reward', title: HEALTH_CHARTS[0].title, series: HEALTH_CHARTS[0].series },
        { id: 'per-lang', title: 'Reward per target language', series: perLang },
        ...HEALTH_CHARTS.slice(1)].map((c) => (
        <InView key={c.id} props={{ title: c.title, data, series: c.series }} render={(p) => <MetricLineChart {...p} />} />
      ))}
      {!showFile && <InView props={{ title: 'Advantages of the latest step', values: advantages }} render={(p) => <Histogram {...p} />} />}
    </div>
  );
});
