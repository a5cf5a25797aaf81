// The memory plan of a run on a Llama-family model, before Start: the engine's planner fed with
// what the run does at its largest — the GRPO update's forward/backward over one mini-batch
// (actor.ppo_mini_batch_size questions x actor.rollout_n responses, each max_prompt_length +
// max_response_length tokens) and the rollout's KV cache (data.train_batch_size x rollout_n rows
// of that length) — with each refusal naming the run options to change. Instruction mode `tag`
// plans for the vocabulary with every <|out_lang_xx|> tag added (at most that many rows: a tokenizer
// may already hold some) and their rows trainable with LoRA.

import type { LlamaConfig } from '../../engine/hf/config';
import type { HfDtype } from '../../engine/hf/tensors';
import { planMemory, type DeviceLimits, type MemoryPlan } from '../../engine/memory-plan';
import type { RunConfig } from '../config';
import { loraSpecOf } from './family-policy';
import { tagLanguages } from './language-tags';

const OPTIONS: Record<string, string> = {
  weights: 'a smaller model (model.path)',
  lora: 'model.lora_rank or model.target_modules',
  gradients: 'model.lora_rank or model.target_modules (or LoRA instead of full fine-tuning)',
  optimizer: 'model.lora_rank or model.target_modules (or LoRA instead of full fine-tuning)',
  activations: 'actor.ppo_mini_batch_size, actor.rollout_n or data.max_response_length / max_prompt_length',
  logits: 'actor.ppo_mini_batch_size, actor.rollout_n or data.max_response_length / max_prompt_length',
  kvCache: 'data.train_batch_size, actor.rollout_n or data.max_response_length',
  total: 'model.lora_rank, actor.rollout_n, data.train_batch_size, data.max_response_length, or a smaller model',
};

export interface RunMemoryPlan extends MemoryPlan {
  /** rows x tokens of one update pass, and KV rows x length, as planned */
  update: { rows: number; tokens: number };
  kv: { rows: number; length: number };
}

/** `tagged`: the policy as opened for the run, the tags already in `model` (family-policy.ts's tokenIds) */
export function planRunMemory(c: RunConfig, model: LlamaConfig, weightDtype: HfDtype, limits: DeviceLimits, tagged?: { tokenIds: number[] }): RunMemoryPlan {
  const tags = c.data.instruction_mode === 'tag' ? tagLanguages(c.router.languages).length : 0;
  const config = tags && !tagged ? { ...model, vocabSize: model.vocabSize + tags } : model;
  const base = loraSpecOf(c);
  const tokenIds = tagged?.tokenIds ?? Array.from({ length: tags }, (_, i) => model.vocabSize + i);
  const spec = base && tags ? { ...base, tokenIds } : base;
  const len = c.data.max_prompt_length + c.data.max_response_length;
  const update = { rows: c.actor.ppo_mini_batch_size * c.actor.rollout_n, tokens: len };
  const kv = { rows: c.data.train_batch_size * c.actor.rollout_n, length: len };
  const plan = planMemory({
    config, weightDtype, training: spec ? 'lora' : 'full', lora: spec ?? undefined,
    batch: update.rows, seqLen: update.tokens, kvRows: kv.rows, kvLength: kv.length, limits,
  });
  const problems = plan.problems.map((p) => {
    const part = /^(\w+):/.exec(p)?.[1] ?? 'total';
    return `${p} (run options: ${OPTIONS[part] ?? OPTIONS.total})`;
  });
  if (len > config.blockSize) problems.unshift(`data.max_prompt_length + data.max_response_length (${len}) exceeds the model's context of ${config.blockSize} tokens`);
  return { ...plan, problems, fits: problems.length === 0, update, kv };
}
