// The JSONL lines a run's logs hold, one shape for the CLI's run folder and the studio:
// metrics.jsonl ({step, metrics, studio/advantage_histogram}, verl's metric names), sft_metrics.jsonl
// ({step, metrics: sft/*}), router.jsonl (the router's own line) and rollouts.jsonl (one record per rollout).

import type { SftProgress } from '../sft-loop';
import type { StepReport } from '../trainer';

export function metricsLine(r: StepReport) {
  return { step: r.step, metrics: r.metrics, 'studio/advantage_histogram': r.advantageHistogram }; // the histogram is ours, not verl's
}

export function sftLine(p: SftProgress) {
  return { step: p.step, metrics: { 'sft/loss': p.loss, 'sft/grad_norm': p.gradNorm, 'sft/lr': p.lr, 'sft/tokens': p.tokens, 'sft/skipped': p.skipped ? 1 : 0 } };
}
