// Validation every trainer.test_freq steps, as in the reference: greedy answers to the validation
// questions in their own language, scored with the run's reward, per data source, under verl's
// names (validation-metrics.ts: val-core/<data_source>/reward/mean@1, val-aux/... for ours).

import type { Example } from '../../data/example';
import type { Model } from '../../engine/model-api';
import type { RunConfig } from '../config';
import { evaluateHeldout, type LangScore } from '../heldout-eval';
import { byDataSource, validationMetrics } from '../validation-metrics';
import type { SftTokenizer } from '../sft';
import { hasTag, type RolloutScorer } from '../trainer';

export interface ValidationResult {
  metrics: Record<string, number>;
  /** per data source */
  bySource: Record<string, LangScore>;
}

export async function validate(model: Model, tok: SftTokenizer, val: readonly Example[], score: RolloutScorer, c: RunConfig): Promise<ValidationResult> {
  const usable = c.data.instruction_mode === 'tag' ? val.filter((e) => hasTag(tok, e.language)) : val;
  const metrics: Record<string, number> = {};
  const bySource: Record<string, LangScore> = {};
  for (const [ds, rows] of byDataSource(usable)) {
    const pairs = rows.map((e) => ({ example: e, lang: e.language }));
    const r = await evaluateHeldout(model, tok, pairs, score, {
      mode: c.data.instruction_mode, maxPromptLength: c.data.max_prompt_length, maxResponseLength: c.data.max_response_length,
    });
    bySource[ds] = r.overall;
    Object.assign(metrics, validationMetrics(ds, r.overall));
  }
  return { metrics, bySource };
}
