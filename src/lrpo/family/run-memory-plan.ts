// The memory plan of a run on a Llama-family model, before Start: the engine's planner fed with
// what the run does at its largest — the larger of its two forward/backward passes: the GRPO
// update's (its rows: the micro-batch, actor.ppo_micro_batch_size responses, or with 0 the whole
// mini-batch, actor.ppo_mini_batch_size questions x actor.rollout_n responses; each
// max_prompt_length + max_response_length tokens; the old-log-prob and KL-reference passes run on
// the same rows) and, when sft.steps > 0, the warm-start SFT's (sft-loop.ts / sft.ts: its rows the
// SFT micro-batch, sft.micro_batch_size items, or with 0 the whole batch, sft.batch_size items; an
// item is a prompt of at most max_prompt_length tokens and an answer of at most
// max_response_length tokens eos included, packed as prompt + answer - 1 positions, so at most
// max_prompt_length + max_response_length - 1) — and the rollout's KV cache (data.train_batch_size
// x rollout_n rows of that length). Each refusal names the run options to change; a refusal about
// activations or logits names the options of the pass it is about, its micro-batch first with the
// largest value that fits (actor.ppo_micro_batch_size for the update, sft.micro_batch_size for
// the SFT); when the smaller pass does not fit either, its own refusal follows. Instruction mode `tag`
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
  kvCache: 'data.train_batch_size, actor.rollout_n, data.max_response_length or data.max_prompt_length',
  total: 'model.lora_rank, actor.rollout_n, data.train_batch_size, data.max_response_length, or a smaller model',
};

/** The part a problem is about: its own; a total over budget is about its largest part. */
function partOf(problem: string): string {
  const part = /^(\w+):/.exec(problem)?.[1] ?? 'total';
  return part === 'total' ? /the largest part is (\w+)/.exec(problem)?.[1] ?? 'total' : part;
}

/** parts that a smaller pass (fewer rows per forward/backward) makes smaller */
const PASS_PARTS = new Set(['activations', 'logits']);

/** Rows of one forward/backward pass of the update: the micro-batch, or (0) the whole mini-batch. */
export function updatePassRows(c: RunConfig): number {
  return c.actor.ppo_micro_batch_size || c.actor.ppo_mini_batch_size * c.actor.rollout_n;
}

/** Rows of one forward/backward pass of an SFT step: the micro-batch, or (0) the whole batch. */
export function sftPassRows(c: RunConfig): number {
  return c.sft.micro_batch_size || c.sft.batch_size;
}

/** One forward/backward pass as planned: rows x tokens per row. */
export interface PassSize {
  rows: number;
  tokens: number;
}

type PassName = 'update' | 'sft';

/** what each pass is called and the options that size it (the micro-batch first) */
const PASSES: Record<PassName, { label: string; micro: string; unit: string; batchOf: (c: RunConfig) => number; whole: string; options: string }> = {
  update: {
    label: 'update pass', micro: 'actor.ppo_micro_batch_size', unit: 'responses', whole: 'mini-batch',
    batchOf: (c) => c.actor.ppo_mini_batch_size * c.actor.rollout_n,
    options: 'actor.ppo_micro_batch_size, actor.ppo_mini_batch_size, actor.rollout_n or data.max_response_length / max_prompt_length',
  },
  sft: {
    label: 'SFT pass', micro: 'sft.micro_batch_size', unit: 'sequences', whole: 'batch',
    batchOf: (c) => c.sft.batch_size,
    options: 'sft.micro_batch_size, sft.batch_size or data.max_response_length / max_prompt_length',
  },
};

export interface RunMemoryPlan extends MemoryPlan {
  /** rows x tokens of one update pass (a micro-batch, or the whole mini-batch), as planned */
  update: PassSize;
  /** rows x tokens of one SFT pass (a micro-batch, or the whole batch) when sft.steps > 0, else null */
  sft: PassSize | null;
  /** the pass whose activations and logits the parts hold: the larger one */
  pass: PassName;
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
  const sizes: Record<PassName, PassSize | null> = {
    update: { rows: updatePassRows(c), tokens: len },
    sft: c.sft.steps > 0 ? { rows: sftPassRows(c), tokens: len - 1 } : null,
  };
  const kv = { rows: c.data.train_batch_size * c.actor.rollout_n, length: len };
  const planFor = (p: PassSize) => planMemory({
    config, weightDtype, training: spec ? 'lora' : 'full', lora: spec ?? undefined,
    batch: p.rows, seqLen: p.tokens, kvRows: kv.rows, kvLength: kv.length, kvPrompt: c.data.max_prompt_length, limits,
  });
  const plans = { update: planFor(sizes.update!), sft: sizes.sft ? planFor(sizes.sft) : null };
  // the other parts are the same for both passes: the larger total is the larger pass
  const pass: PassName = plans.sft && plans.sft.total > plans.update.total ? 'sft' : 'update';
  const other: PassName | null = plans.sft ? (pass === 'sft' ? 'update' : 'sft') : null;

  // the micro-batch hint of a pass that does not fit: the largest divisor of its batch below its
  // rows now with which that pass's plan fits, if any
  const microHint = (name: PassName): string => {
    const p = PASSES[name], now = sizes[name]!;
    const all = p.batchOf(c);
    let fits = 0;
    for (let d = now.rows - 1; d >= 1 && !fits; d--) if (all % d === 0 && planFor({ ...now, rows: d }).fits) fits = d;
    const set = name === 'update' ? c.actor.ppo_micro_batch_size : c.sft.micro_batch_size;
    const nowText = set ? `now ${set}` : `now 0 = the whole ${p.whole} of ${all}`;
    return fits ? `${p.micro} (${p.unit} per pass, ${nowText}; ${fits} fits)` : `${p.micro} (${nowText}; not even 1 fits)`;
  };
  /** a problem of `name`'s plan with the run options to change (`prefix` before the problem) */
  const described = (name: PassName, problems: string[], prefix = '') => {
    const hint = problems.some((p) => PASS_PARTS.has(partOf(p))) ? microHint(name) : null;
    return problems.map((p) => {
      const part = partOf(p);
      const options = PASS_PARTS.has(part) ? PASSES[name].options : OPTIONS[part] ?? OPTIONS.total;
      return `${prefix}${p} (run options: ${PASS_PARTS.has(part) && hint ? options.replace(PASSES[name].micro, hint) : options})`;
    });
  };
  const plan = plans[pass]!;
  const problems = described(pass, plan.problems);
  // the smaller pass has the same other parts and a smaller total: what it can add are its own
  // activations or logits (a buffer, or a total over budget whose largest part they are)
  if (other) {
    const s = sizes[other]!;
    const own = plans[other]!.problems.filter((p) => PASS_PARTS.has(partOf(p)));
    problems.push(...described(other, own, `${PASSES[other].label} (${s.rows} x ${s.tokens} tokens), `));
  }
  if (len > config.blockSize) problems.unshift(`data.max_prompt_length + data.max_response_length (${len}) exceeds the model's context of ${config.blockSize} tokens`);
  return { ...plan, problems, fits: problems.length === 0, update: sizes.update!, sft: sizes.sft, pass, kv };
}

/** The passes as planned, for the CLI and the model picker: "update pass 8 x 256 tokens (actor.ppo_micro_batch_size 0); SFT pass ..." */
export function passSummary(plan: RunMemoryPlan, c: RunConfig): string {
  const one = (name: PassName, s: PassSize, set: number) => `${PASSES[name].label} ${s.rows} x ${s.tokens} tokens (${PASSES[name].micro} ${set})`;
  const update = one('update', plan.update, c.actor.ppo_micro_batch_size);
  if (!plan.sft) return update;
  return `${update}; ${one('sft', plan.sft, c.sft.micro_batch_size)}; planned: the ${PASSES[plan.pass].label}, the larger`;
}
