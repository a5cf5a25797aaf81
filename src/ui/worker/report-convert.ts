// The trainer's StepReport as the studio draws it: metrics, a router frame (the log line's
// probabilities plus the snapshot's schedules and value tables and the rollouts per language), the
// rollouts table rows and the advantages.

import type { StepReport as TrainerReport } from '../../lrpo/trainer';
import type { RowList } from '../../lrpo/router/types';
import type { RouterFrame, StepReport } from './protocol';

function rowsToRecord(rows: RowList, languages: readonly string[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [name, values] of rows) {
    out[name] = {};
    languages.forEach((l, i) => (out[name][l] = values[i]));
  }
  return out;
}

function routerFrameOf(r: TrainerReport): RouterFrame | undefined {
  if (!r.routerLog) return undefined;
  const snap = r.routerSnapshot;
  const rolloutsByLang: Record<string, number> = {};
  for (const x of r.rollouts) rolloutsByLang[x.targetLang] = (rolloutsByLang[x.targetLang] ?? 0) + 1;
  return {
    step: r.routerLog.step,
    probs: r.routerLog.probs,
    tau: r.metrics['router/tau'] ?? snap?.tau,
    eps: r.metrics['router/eps'] ?? snap?.eps,
    values: snap ? { topic: rowsToRecord(snap.topic, snap.languages), region: rowsToRecord(snap.region, snap.languages) } : undefined,
    rolloutsByLang,
  };
}

export function toStudioReport(r: TrainerReport): StepReport {
  return {
    step: r.step,
    metrics: { ...r.metrics },
    router: routerFrameOf(r),
    rollouts: r.rollouts.map((x) => ({
      group: x.group,
      question: x.question,
      topic: x.topic,
      region: x.regions.length ? x.regions.join(', ') : 'None',
      origLang: x.origLang,
      targetLang: x.targetLang,
      response: x.response,
      detectedLang: x.detectedLang ?? '–',
      similarity: x.similarity,
      calibrated: x.calibrated,
      reward: x.reward,
      advantage: x.advantage,
    })),
    advantages: [...r.advantages],
    skipped: r.skipped,
    timeMs: (r.timing['timing_s/step'] ?? 0) * 1000,
    records: r.rollouts,
    routerLog: r.routerLog,
  };
}
