// Turns one trainer step into what the studio shows: the StepReport (report-convert.ts) plus the
// achieved FLOP/s estimate from the step's tokens and time.

import type { RunConfig } from '../../lrpo/config';
import type { StepReport as TrainerStepReport } from '../../lrpo/trainer';
import type { GPTConfig, Model, ModelConfigBase } from '../../engine/model-api';
import type { LlamaConfig } from '../../engine/hf/config';
import { flatLayout } from '../../engine/llama/weights';
import { numParams } from '../../engine/gpt/params';
import type { StepReport } from './protocol';
import { toStudioReport } from './report-convert';
import { estimateStepFlops } from './flops';

/** parameters of a GPT-2 or a Llama-family model */
function paramCount(config: ModelConfigBase): number {
  return config.family && config.family !== 'gpt2' ? flatLayout(config as LlamaConfig).total : numParams(config as GPTConfig);
}

export function studioStepReport(report: TrainerStepReport, model: Model<ModelConfigBase>, c: RunConfig): StepReport {
  const studio = toStudioReport(report);
  const seconds = report.timing['timing_s/step'] ?? 0;
  if (seconds > 0) {
    const flops = estimateStepFlops(
      paramCount(model.config),
      { totalTokens: report.metrics['perf/total_num_tokens'] ?? 0, responseTokens: report.rollouts.reduce((a, r) => a + r.responseLength, 0) },
      c.actor.ppo_epochs,
      c.actor.use_kl_loss,
    );
    studio.metrics['perf/flops_per_s_estimate'] = flops / seconds;
  }
  return studio;
}
