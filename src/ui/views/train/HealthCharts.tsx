// The training-health charts, updated every step from the bounded history (decimated for drawing),
// or from an opened metrics.jsonl.

import { memo, useDeferredValue, useMemo } from 'react';
import { useRunStore } from '../../store/run-store';
import { decimate } from '../../store/bounded-history';
import { MetricLineChart } from '../../charts/MetricLineChart';
import { Histogram } from '../../charts/Histogram';
import { InView } from '../../charts/InView';
import { HEALTH_CHARTS, SFT_CHART, perLanguageRewardSeries, rewardLanguages, validationSeries } from './train-charts';

const MAX_POINTS = 400;

// Each chart redraws in its own browser task, and only while on screen (InView, draw-queue.ts): a
// step never blocks the page for the time of all the charts together. Off screen a chart keeps its
// last drawing and costs nothing per step.
export const HealthCharts = memo(function HealthCharts() {
  const live = useDeferredValue(useRunStore((s) => s.history));
  const file = useRunStore((s) => s.metricsFile);
  const showFile = useRunStore((s) => s.showFile);
  const advantages = useDeferredValue(useRunStore((s) => s.advantages));
  const sft = useDeferredValue(useRunStore((s) => s.sft));
  const sftData = useMemo(() => decimate(sft, MAX_POINTS), [sft]);
  const history = useMemo(
    () => (showFile && file ? file.rows.map((r) => ({ ...r.metrics, step: r.step })) : live),
    [showFile, file, live],
  );
  const data = useMemo(() => decimate(history, MAX_POINTS), [history]);
  // the same series objects while the set of languages is the same, so that chart redraws only its data
  const langList = useMemo(() => rewardLanguages(history).join(','), [history]);
  const perLang = useMemo(() => perLanguageRewardSeries(langList ? langList.split(',') : []), [langList]);
  const valKeys = useMemo(() => validationSeries(history).map((v) => v.key).join('|'), [history]);
  const valSeries = useMemo(() => validationSeries(valKeys ? valKeys.split('|').map((k) => ({ [k]: 0 })) : []), [valKeys]);
  return (
    <div className="grid charts">
      {!showFile && sftData.length > 0 && (
        <InView props={{ title: SFT_CHART.title, data: sftData, series: SFT_CHART.series }} render={(p) => <MetricLineChart {...p} />} />
      )}
      {valSeries.length > 0 && (
        <InView props={{ title: 'Validation (val-core, every trainer.test_freq steps)', data, series: valSeries }} render={(p) => <MetricLineChart {...p} />} />
      )}
      {[{ id: 'reward', title: HEALTH_CHARTS[0].title, series: HEALTH_CHARTS[0].series },
        { id: 'per-lang', title: 'Reward per target language', series: perLang },
        ...HEALTH_CHARTS.slice(1)].map((c) => (
        <InView key={c.id} props={{ title: c.title, data, series: c.series, interactive: c.id === 'per-lang' }} render={(p) => <MetricLineChart {...p} />} />
      ))}
      {!showFile && <InView props={{ title: 'Advantages of the latest step', values: advantages }} render={(p) => <Histogram {...p} />} />}
    </div>
  );
});
