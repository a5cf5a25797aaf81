// Every run config option once: its dotted path (the reference's or verl's option name as the last
// part), kind, range or choices, verl override key, help text, and the rules across options. The
// core's validation (config-check.ts: run.json, the CLI, verl overrides), the router's own check,
// the Train view's fields and inline errors (src/ui/config-fields.ts) and URL parsing
// (src/ui/url-config.ts) all derive from this table: a value is accepted by one rule or by none.
// Defaults live in config.ts (defaultRunConfig).

import type { Problem } from '../data/example';
import { toLanguageCode } from '../data/languages';
import { brief } from '../data/brief';
import type { RunConfig } from './config';
import { loraTargetsProblem } from './lora-targets';

export type OptionKind = 'int' | 'number' | 'bool' | 'enum' | 'string' | 'list' | 'langs';

export interface OptionRule {
  /** dotted path inside RunConfig, e.g. "router.lang_policy_alpha" */
  path: string;
  kind: OptionKind;
  min?: number;
  max?: number;
  /** bounds excluded (lr > 0, lr < 1) */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  choices?: readonly string[];
  /** the verl / reference override key, when the option has one */
  verl?: string;
  /** strings: what the text must be, as a reason (null = acceptable) */
  textRule?: (text: string) => string | null;
  help?: string;
}

const O = (path: string, kind: OptionKind, extra: Partial<OptionRule> = {}): OptionRule => ({ path, kind, ...extra });
const unit = { min: 0, max: 1, minExclusive: true } as const; // (0, 1]
const prob = { min: 0, max: 1 } as const; // [0, 1]
const R = (name: string) => `+data.${name}`;

export const OPTION_RULES: readonly OptionRule[] = [
  O('seed', 'int', { min: 0, max: 2 ** 32 - 1, help: 'one seed for init, sampling, routing and batch order (each its own stream)' }),
  O('backend', 'enum', { choices: ['webgpu', 'cpu'] }),
  O('data.train_files', 'string', { verl: 'data.train_files' }),
  O('data.val_files', 'string', { verl: 'data.val_files', help: 'validation questions (used every trainer.test_freq steps)' }),
  O('data.train_batch_size', 'int', { min: 1, verl: 'data.train_batch_size', help: 'questions per training step' }),
  O('data.max_prompt_length', 'int', { min: 2, verl: 'data.max_prompt_length' }),
  O('data.max_response_length', 'int', { min: 1, verl: 'data.max_response_length' }),
  O('data.instruction_mode', 'enum', { choices: ['tag', 'system', 'chat'], help: 'chat: the model\'s chat template, "answer in <language>" (in that language) as the system message' }),
  O('model.path', 'string', { verl: 'actor_rollout_ref.model.path', help: 'a Hugging Face Llama / Qwen2 / Qwen3 model: local folder or hub id owner/name[@revision]; empty = the GPT-2 model below' }),
  O('model.lora_rank', 'int', { min: 0, max: 1024, verl: 'actor_rollout_ref.model.lora_rank', help: 'LoRA rank on model.path (0 = no adapter: full fine-tuning)' }),
  O('model.lora_alpha', 'number', { min: 0, minExclusive: true, verl: 'actor_rollout_ref.model.lora_alpha', help: 'LoRA scale = lora_alpha / lora_rank' }),
  O('model.target_modules', 'string', { verl: 'actor_rollout_ref.model.target_modules', textRule: loraTargetsProblem, help: 'all-linear, or a comma-separated list of q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj' }),
  O('model.checkpoint', 'string', { help: 'GPT-2 warm-start checkpoint when model.path is empty; empty = random init with the sizes below' }),
  O('model.n_layer', 'int', { min: 1, max: 64 }),
  O('model.n_head', 'int', { min: 1, max: 64 }),
  O('model.n_embd', 'int', { min: 4, max: 4096 }),
  O('model.block_size', 'int', { min: 4, max: 8192 }),
  O('router.dynamic_lang_policy', 'bool', { verl: R('dynamic_lang_policy'), help: 'false = no routing (monolingual GRPO)' }),
  O('router.algorithm', 'enum', { choices: ['softmax_eps', 'ucb', 'thompson'] }),
  O('router.languages', 'langs', { help: 'router arms, comma-separated ISO codes' }),
  O('router.regional_topics', 'list'),
  O('router.fixed_lang_topics', 'list'),
  O('router.lang_policy_alpha', 'number', { ...unit, verl: R('lang_policy_alpha') }),
  O('router.lang_policy_update_every', 'int', { min: 1, verl: R('lang_policy_update_every') }),
  O('router.lang_policy_temperature_init', 'number', { min: 0, minExclusive: true, verl: R('lang_policy_temperature_init') }),
  O('router.lang_policy_temperature_min', 'number', { min: 0, minExclusive: true, verl: R('lang_policy_temperature_min'), help: 'tau never goes below this (> 0: the softmax divides by tau)' }),
  O('router.lang_policy_temperature_decay', 'number', { ...unit, verl: R('lang_policy_temperature_decay') }),
  O('router.lang_policy_epsilon_init', 'number', { ...prob, verl: R('lang_policy_epsilon_init') }),
  O('router.lang_policy_epsilon_min', 'number', { ...prob, verl: R('lang_policy_epsilon_min') }),
  O('router.lang_policy_epsilon_decay', 'number', { ...unit, verl: R('lang_policy_epsilon_decay') }),
  O('router.lang_policy_orig_lang_min', 'int', { min: 0, verl: R('lang_policy_orig_lang_min') }),
  O('router.lang_policy_group_norm', 'enum', { choices: ['none', 'center', 'zscore'], verl: R('lang_policy_group_norm') }),
  O('router.lang_policy_group_norm_eps', 'number', { min: 0, verl: R('lang_policy_group_norm_eps'), help: 'epsilon of zscore: (x - mean) / (std + eps)' }),
  O('router.lang_policy_log_every', 'int', { min: 0, verl: R('lang_policy_log_every'), help: '0 = no router log' }),
  O('router.lang_policy_log_max_keys', 'int', { min: 0, verl: R('lang_policy_log_max_keys'), help: 'first N topic rows and first N region rows per line' }),
  O('router.lang_policy_log_path', 'string', { verl: R('lang_policy_log_path'), help: "where verl's LRPO trainer writes the router JSONL (the CLI writes a copy there; the studio exports it from the Router view)" }),
  O('router.ucb_c', 'number', { min: 0 }),
  O('router.thompson_prior_std', 'number', { min: 0, minExclusive: true }),
  O('router.thompson_noise_std', 'number', { min: 0, minExclusive: true }),
  O('router.uniform_mix', 'bool', { help: 'fixed uniform mix baseline (no learning)' }),
  O('reward.similarity', 'enum', { choices: ['match', 'embedding'] }),
  O('reward.embedding_model_url', 'string'),
  O('reward.embedding_tokenizer_url', 'string'),
  O('reward.calibration', 'enum', { choices: ['none', 'mean_shift', 'quantile'] }),
  O('reward.calibration_table', 'string'),
  O('reward.gate', 'enum', { choices: ['hard', 'soft', 'penalty'] }),
  O('reward.soft_gate_penalty', 'number', { ...prob }),
  O('actor.rollout_n', 'int', { min: 2, max: 256, verl: 'actor_rollout_ref.rollout.n', help: 'responses per question (one GRPO group; GRPO needs at least 2)' }),
  O('actor.rollout_temperature', 'number', { min: 0, verl: 'actor_rollout_ref.rollout.temperature' }),
  O('actor.rollout_top_k', 'int', { min: 0, verl: 'actor_rollout_ref.rollout.top_k', help: '0 = off' }),
  O('actor.rollout_top_p', 'number', { ...unit, verl: 'actor_rollout_ref.rollout.top_p' }),
  O('actor.norm_adv_by_std_in_grpo', 'bool', { verl: 'algorithm.norm_adv_by_std_in_grpo' }),
  O('actor.clip_ratio_low', 'number', { min: 0, max: 1, maxExclusive: true, verl: 'actor_rollout_ref.actor.clip_ratio_low' }),
  O('actor.clip_ratio_high', 'number', { min: 0, verl: 'actor_rollout_ref.actor.clip_ratio_high' }),
  O('actor.clip_ratio_c', 'number', { min: 1, minExclusive: true, verl: 'actor_rollout_ref.actor.clip_ratio_c', help: 'dual-clip bound for negative advantages' }),
  O('actor.use_kl_loss', 'bool', { verl: 'actor_rollout_ref.actor.use_kl_loss' }),
  O('actor.kl_loss_coef', 'number', { min: 0, verl: 'actor_rollout_ref.actor.kl_loss_coef' }),
  O('actor.kl_loss_type', 'enum', { choices: ['low_var_kl', 'kl', 'mse'], verl: 'actor_rollout_ref.actor.kl_loss_type' }),
  O('actor.loss_agg_mode', 'enum', { choices: ['token-mean', 'seq-mean-token-sum', 'seq-mean-token-mean'], verl: 'actor_rollout_ref.actor.loss_agg_mode' }),
  O('actor.ppo_mini_batch_size', 'int', { min: 1, verl: 'actor_rollout_ref.actor.ppo_mini_batch_size', help: 'questions per optimizer step (x rollout_n responses)' }),
  O('actor.ppo_micro_batch_size', 'int', {
    min: 0, verl: 'actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu',
    help: 'responses per forward/backward pass of the update, gradients accumulated to one optimizer step per mini-batch (same loss and metrics; less memory); 0 = the whole mini-batch at once',
  }),
  O('actor.ppo_epochs', 'int', { min: 1, max: 100, verl: 'actor_rollout_ref.actor.ppo_epochs' }),
  O('actor.grad_clip', 'number', { min: 0, verl: 'actor_rollout_ref.actor.grad_clip' }),
  O('actor.lr', 'number', { min: 0, max: 1, minExclusive: true, maxExclusive: true, verl: 'actor_rollout_ref.actor.optim.lr' }),
  O('actor.weight_decay', 'number', { min: 0, verl: 'actor_rollout_ref.actor.optim.weight_decay' }),
  O('actor.entropy_coeff', 'number', { verl: 'actor_rollout_ref.actor.entropy_coeff' }),
  O('sft.steps', 'int', { min: 0, help: 'warm-start SFT updates before LRPO (0 = none)' }),
  O('sft.extra_langs', 'int', { min: 0, max: 64 }),
  O('sft.lr', 'number', { min: 0, max: 1, minExclusive: true, maxExclusive: true, help: 'peak learning rate' }),
  O('sft.batch_size', 'int', { min: 1, help: 'SFT sequences per optimizer step' }),
  // no `verl` key: these are not verl main_ppo options (verl's SFT trainer, fsdp_sft_trainer, calls this data.micro_batch_size_per_gpu)
  O('sft.micro_batch_size', 'int', {
    min: 0,
    help: "SFT sequences per forward/backward pass, gradients accumulated to one optimizer step per batch (same loss; less memory); 0 = the whole batch at once (verl's SFT trainer: data.micro_batch_size_per_gpu)",
  }),
  O('sft.warmup_steps', 'int', { min: 0, help: 'linear warm-up steps, then a cosine decay' }),
  O('sft.min_lr_ratio', 'number', { ...prob, help: 'the cosine ends at this fraction of sft.lr' }),
  O('sft.weight_decay', 'number', { min: 0 }),
  O('sft.answer_style', 'enum', { choices: ['sentence', 'short'], help: "sentence: answers taught inside a short sentence in the target language, so language ID can tell a one-word answer's language" }),
  O('trainer.total_training_steps', 'int', { min: 0, verl: 'trainer.total_training_steps' }),
  O('trainer.save_freq', 'int', { min: 0, verl: 'trainer.save_freq', help: 'autosave every N steps (0 = on pause and at the end only)' }),
  O('trainer.test_freq', 'int', { min: 0, verl: 'trainer.test_freq', help: 'validate on data.val_files every N steps (0 = never)' }),
  O('trainer.max_consecutive_faults', 'int', { min: 1 }),
];

// values as messages show them: cut short (a 10 MB string must not become a 10 MB message)
const show = (v: unknown) => (Array.isArray(v) ? `[${v.length} items]` : v !== null && typeof v === 'object' ? 'an object' : brief(v));

/** "[0, 1]", "(0, 1]", "[1, ∞]" */
export function rangeText(o: OptionRule): string {
  const lo = o.min === undefined ? '-∞' : String(o.min);
  const hi = o.max === undefined ? '∞' : String(o.max);
  return `${o.minExclusive ? '(' : '['}${lo}, ${hi}${o.maxExclusive ? ')' : ']'}`;
}

function inRange(o: OptionRule, n: number): boolean {
  if (o.min !== undefined && (o.minExclusive ? n <= o.min : n < o.min)) return false;
  if (o.max !== undefined && (o.maxExclusive ? n >= o.max : n > o.max)) return false;
  return true;
}

/** Why a typed value (run.json, a RunConfig) breaks the option's rule, or null. */
export function checkOptionValue(o: OptionRule, v: unknown): string | null {
  switch (o.kind) {
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `must be an integer, got ${show(v)}`;
      return inRange(o, v) ? null : `must be an integer in ${rangeText(o)}, got ${v}`;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a number, got ${show(v)}`;
      return inRange(o, v) ? null : `must be in ${rangeText(o)}, got ${v}`;
    case 'bool':
      return typeof v === 'boolean' ? null : `must be true or false, got ${show(v)}`;
    case 'enum':
      return typeof v === 'string' && o.choices!.includes(v) ? null : `must be one of ${o.choices!.join(', ')}, got ${show(v)}`;
    case 'string':
      return typeof v === 'string' ? (o.textRule?.(v) ?? null) : `must be a string, got ${show(v)}`;
    case 'list':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : `must be a list of strings, got ${show(v)}`;
    case 'langs': {
      const p = optionProblems(o, v);
      return p.length ? `${p[0].field === o.path ? '' : `${p[0].field}: `}${p[0].reason}` : null;
    }
  }
}

/** The problems of one option's value, each with its field (a list's bad item as path[i]). */
export function optionProblems(o: OptionRule, v: unknown): { field: string; reason: string }[] {
  if (o.kind !== 'langs') {
    const msg = checkOptionValue(o, v);
    return msg ? [{ field: o.path, reason: msg }] : [];
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return [{ field: o.path, reason: `must be a list of language codes, got ${show(v)}` }];
  if (!v.length) return [{ field: o.path, reason: 'must list at least one language' }];
  const out: { field: string; reason: string }[] = [];
  v.forEach((l, i) => {
    if (toLanguageCode(l) !== l) out.push({ field: `${o.path}[${i}]`, reason: `must be a known ISO 639-1 code, got ${brief(l)}` });
    else if (v.indexOf(l) !== i) out.push({ field: `${o.path}[${i}]`, reason: `"${l}" is listed twice` });
  });
  return out;
}

/**
 * Text (a URL parameter, a form field) for one option: the value, or the reason it is not
 * acceptable. Numbers are read and then held to the same rule as typed values; language names are
 * read as their codes.
 */
export function parseOptionText(o: OptionRule, text: string): { value: number | boolean | string | string[] } | { reason: string } {
  const t = text.trim();
  switch (o.kind) {
    case 'int':
    case 'number': {
      if (t === '') return { reason: 'a number is required' };
      const n = Number(t);
      if (!Number.isFinite(n)) return { reason: `${brief(text)} is not a finite number` };
      if (o.kind === 'int' && !Number.isInteger(n)) return { reason: `${brief(text)} is not a whole number` };
      if (o.min !== undefined && (o.minExclusive ? n <= o.min : n < o.min)) return { reason: `${n} is below the allowed range ${rangeText(o)}` };
      if (o.max !== undefined && (o.maxExclusive ? n >= o.max : n > o.max)) return { reason: `${n} is above the allowed maximum ${o.max} (range ${rangeText(o)})` };
      return { value: n };
    }
    case 'bool':
      if (t === 'true' || t === '1') return { value: true };
      if (t === 'false' || t === '0') return { value: false };
      return { reason: `${brief(text)} is not true or false` };
    case 'enum':
      return o.choices!.includes(t) ? { value: t } : { reason: `${brief(text)} is not one of ${o.choices!.join(', ')}` };
    case 'string': {
      const reason = o.textRule?.(t);
      return reason ? { reason } : { value: t };
    }
    case 'list':
      return { value: t === '' ? [] : t.split(',').map((s) => s.trim()).filter(Boolean) };
    case 'langs': {
      const parts = t.split(',').map((s) => s.trim()).filter(Boolean);
      if (parts.length < 1) return { reason: 'at least one language is required' };
      const codes: string[] = [];
      for (const p of parts) {
        const c = toLanguageCode(p);
        if (!c) return { reason: `${brief(p)} is not a language the studio knows` };
        if (codes.includes(c)) return { reason: `language "${c}" is listed twice` };
        codes.push(c);
      }
      return { value: codes };
    }
  }
}

/** The option's value as text (the form and the URL use the same spelling). */
export function optionText(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

export interface CrossFieldProblem extends Problem {
  field: string;
  /** every option the rule involves (changing any of them can fix it) */
  involves: string[];
}

interface CrossRule {
  /** the option a problem is reported on */
  field: string;
  involves: string[];
  check(c: RunConfig): string | null;
}

export const CROSS_FIELD_RULES: readonly CrossRule[] = [
  {
    field: 'router.lang_policy_temperature_min', involves: ['router.lang_policy_temperature_min', 'router.lang_policy_temperature_init'],
    check: (c) => c.router.lang_policy_temperature_min > c.router.lang_policy_temperature_init
      ? `must be <= lang_policy_temperature_init (${c.router.lang_policy_temperature_init}), got ${c.router.lang_policy_temperature_min}` : null,
  },
  {
    field: 'router.lang_policy_epsilon_min', involves: ['router.lang_policy_epsilon_min', 'router.lang_policy_epsilon_init'],
    check: (c) => c.router.lang_policy_epsilon_min > c.router.lang_policy_epsilon_init
      ? `must be <= lang_policy_epsilon_init (${c.router.lang_policy_epsilon_init}), got ${c.router.lang_policy_epsilon_min}` : null,
  },
  {
    field: 'router.lang_policy_orig_lang_min', involves: ['router.lang_policy_orig_lang_min', 'actor.rollout_n'],
    check: (c) => c.router.lang_policy_orig_lang_min > c.actor.rollout_n ? `must be <= actor.rollout_n (${c.actor.rollout_n}), got ${c.router.lang_policy_orig_lang_min}` : null,
  },
  {
    field: 'model.n_embd', involves: ['model.n_embd', 'model.n_head'],
    check: (c) => (c.model.n_embd % c.model.n_head !== 0 ? `must be divisible by model.n_head (${c.model.n_head}), got ${c.model.n_embd}` : null),
  },
  {
    field: 'data.instruction_mode', involves: ['data.instruction_mode', 'model.path'],
    check: (c) => (c.data.instruction_mode === 'chat' && !c.model.path ? 'chat needs a model with a chat template (model.path); the GPT-2 models have none' : null),
  },
  {
    // a Llama-family model's own context length is checked when it is opened (run/checks.ts)
    field: 'data.max_response_length', involves: ['data.max_response_length', 'data.max_prompt_length', 'model.block_size'],
    check: (c) => !c.model.path && c.data.max_prompt_length + c.data.max_response_length > c.model.block_size
      ? `data.max_prompt_length + data.max_response_length (${c.data.max_prompt_length} + ${c.data.max_response_length}) must fit model.block_size (${c.model.block_size})` : null,
  },
  {
    field: 'actor.ppo_mini_batch_size', involves: ['actor.ppo_mini_batch_size', 'data.train_batch_size'],
    check: (c) => (c.data.train_batch_size % c.actor.ppo_mini_batch_size !== 0 ? `must divide data.train_batch_size (${c.data.train_batch_size}), got ${c.actor.ppo_mini_batch_size}` : null),
  },
  {
    field: 'actor.ppo_micro_batch_size', involves: ['actor.ppo_micro_batch_size', 'actor.ppo_mini_batch_size', 'actor.rollout_n'],
    check: (c) => {
      const rows = c.actor.ppo_mini_batch_size * c.actor.rollout_n;
      return c.actor.ppo_micro_batch_size > 0 && rows % c.actor.ppo_micro_batch_size !== 0
        ? `must divide the mini-batch's responses, actor.ppo_mini_batch_size x actor.rollout_n (${c.actor.ppo_mini_batch_size} x ${c.actor.rollout_n} = ${rows}), or be 0 (the whole mini-batch), got ${c.actor.ppo_micro_batch_size}` : null;
    },
  },
  {
    field: 'sft.micro_batch_size', involves: ['sft.micro_batch_size', 'sft.batch_size'],
    check: (c) => (c.sft.micro_batch_size > 0 && c.sft.batch_size % c.sft.micro_batch_size !== 0
      ? `must divide sft.batch_size (${c.sft.batch_size}), or be 0 (the whole batch), got ${c.sft.micro_batch_size}` : null),
  },
  {
    field: 'reward.embedding_model_url', involves: ['reward.embedding_model_url', 'reward.similarity'],
    check: (c) => (c.reward.similarity === 'embedding' && !c.reward.embedding_model_url ? 'is required when reward.similarity is "embedding"' : null),
  },
  {
    field: 'reward.calibration_table', involves: ['reward.calibration_table', 'reward.calibration'],
    check: (c) => (c.reward.calibration !== 'none' && !c.reward.calibration_table ? `is required when reward.calibration is "${c.reward.calibration}"` : null),
  },
];

export function getOption(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Every problem of a complete config: each option's rule, then (when those hold) the rules across options. */
export function configProblems(c: RunConfig): CrossFieldProblem[] {
  const out: CrossFieldProblem[] = [];
  for (const o of OPTION_RULES) {
    for (const p of optionProblems(o, getOption(c, o.path))) out.push({ ...p, involves: [o.path] });
  }
  if (out.length) return out;
  for (const r of CROSS_FIELD_RULES) {
    const msg = r.check(c);
    if (msg) out.push({ field: r.field, involves: r.involves, reason: msg });
  }
  return out;
}
