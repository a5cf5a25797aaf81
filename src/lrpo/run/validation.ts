// Validation every trainer.test_freq steps, as verl names it: greedy answers to the validation
// questions in their own language, scored with the run's reward, per data source:
// val-core/<data_source>/reward/mean@1 (the core metric), and val-aux/<data_source>/exact_answer/mean@1
// and .../lang_match/mean@1 (ours: exact match with the reference, answer in the question's language).

import type { Example } from '../../data/example';
import type { Model as EngineModel, ModelConfigBase } from '../../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import type { RunConfig } from '../config';
import { evaluateHeldout, type LangScore } from '../heldout-eval';
import type { SftTokenizer } from '../sft';
import type { PromptTokenizer } from '../planner';
import type { RolloutScorer } from '../trainer';

export interface ValidationResult {
  metrics: Record<string, number>;
  /** per data source */
  bySource: Record<string, LangScore>;
}

function canPrompt(tok: PromptTokenizer, lang: string): boolean {
  try {
    tok.langTokenId(lang);
    return true;
  } catch {
    return false;
  }
}

export async function validate(model: Model, tok: SftTokenizer, val: readonly Example[], score: RolloutScorer, c: RunConfig): Promise<ValidationResult> {
  const usable = c.data.instruction_mode === 'tag' ? val.filter((e) => canPrompt(tok, e.language)) : val;
  const sources = [...new Set(usable.map((e) => e.dataSource || 'unknown'))].sort();
  const metrics: Record<string, number> = {};
  const bySource: Record<string, LangScore> = {};
  for (const ds of sources) {
    const pairs = usable.filter((e) => (e.dataSource || 'unknown') === ds).map((e) => ({ example: e, lang: e.language }));
    const r = await evaluateHeldout(model, tok, pairs, score, {
      mode: c.data.instruction_mode, maxPromptLength: c.data.max_prompt_length, maxResponseLength: c.data.max_response_length,
    });
    bySource[ds] = r.overall;
    metrics[`val-core/${ds}/reward/mean@1`] = r.overall.reward;
    metrics[`val-aux/${ds}/exact_answer/mean@1`] = r.overall.exact;
    metrics[`val-aux/${ds}/lang_match/mean@1`] = r.overall.langMatch;
  }
  return { metrics, bySource };
}
