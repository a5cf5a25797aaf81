// The memory plan of a run on a Llama-family model, before Start: the engine's planner fed with
// what the run does at its largest — one forward/backward pass of the GRPO update (its rows: the
// micro-batch, actor.ppo_micro_batch_size responses, or with 0 the whole mini-batch,
// actor.ppo_mini_batch_size questions x actor.rollout_n responses; each max_prompt_length +
// max_response_length tokens; the old-log-prob and KL-reference passes run on the same rows) and
// the rollout's KV cache (data.train_batch_size x rollout_n rows of that length) — with each
// refusal naming the run options to change, actor.ppo_micro_batch_size first where it helps. Instruction mode `tag`
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
  activations: 'actor.ppo_micro_batch_size, actor.ppo_mini_batch_size, actor.rollout_n or data.max_response_length / max_prompt_length',
  logits: 'actor.ppo_micro_batch_size, actor.ppo_mini_batch_size, actor.rollout_n or data.max_response_length / max_prompt_length',
  kvCache: 'data.train_batch_size, actor.rollout_n or data.max_response_length',
  total: 'model.lora_rank, actor.rollout_n, data.train_batch_size, data.max_response_length, or a smaller model',
};

/** The part a problem is about: its own; a total over budget is about its largest part. */
function partOf(problem: string): string {
  const part = /^(\w+):/.exec(problem)?.[1] ?? 'total';
  return part === 'total' ? /the largest part is (\w+)/.exec(problem)?.[1] ?? 'total' : part;
}

/** parts that a smaller update pass (fewer rows per forward/backward) makes smaller */
const PASS_PARTS = new Set(['activations', 'logits']);

/** Rows of one forward/backward pass of the update: the micro-batch, or (0) the whole mini-batch. */
export function updatePassRows(c: RunConfig): number {
  return c.actor.ppo_micro_batch_size || c.actor.ppo_mini_batch_size * c.actor.rollout_n;
}

export interface RunMemoryPlan extends MemoryPlan {
  /** rows x tokens of one update pass (a micro-batch, or the whole mini-batch), and KV rows x length, as planned */
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
  const update = { rows: updatePassRows(c), tokens: len };
  const kv = { rows: c.data.train_batch_size * c.actor.rollout_n, length: len };
  const planFor = (rows: number) => planMemory({
    config, weightDtype, training: spec ? 'lora' : 'full', lora: spec ?? undefined,
    batch: rows, seqLen: update.tokens, kvRows: kv.rows, kvLength: kv.length, limits,
  });
  const plan = planFor(update.rows);
  // when the update pass is what does not fit: the largest micro-batch (a divisor of the
  // mini-batch's responses) with which the whole plan fits, if any
  let micro: string | null = null;
  if (plan.problems.some((p) => PASS_PARTS.has(partOf(p)))) {
    const all = c.actor.ppo_mini_batch_size * c.actor.rollout_n;
    let fits = 0;
    for (let d = update.rows - 1; d >= 1 && !fits; d--) if (all % d === 0 && planFor(d).fits) fits = d;
    const now = c.actor.ppo_micro_batch_size ? `now ${c.actor.ppo_micro_batch_size}` : `now 0 = the whole mini-batch of ${all}`;
    micro = fits ? `actor.ppo_micro_batch_size (responses per pass, ${now}; ${fits} fits)` : `actor.ppo_micro_batch_size (${now}; not even 1 fits)`;
  }
  const problems = plan.problems.map((p) => {
    const part = partOf(p);
    const options = OPTIONS[part] ?? OPTIONS.total;
    return `${p} (run options: ${PASS_PARTS.has(part) && micro ? options.replace('actor.ppo_micro_batch_size', micro) : options})`;
  });
  if (len > config.blockSize) problems.unshift(`data.max_prompt_length + data.max_response_length (${len}) exceeds the model's context of ${config.blockSize} tokens`);
  return { ...plan, problems, fits: problems.length === 0, update, kv };
}
