// Every editable option of a RunConfig, as data: its dotted path (the reference's option name as the
// last part), its kind, its range or choices, and a checker. The config editor draws its form from
// this table, and the URL codec validates query parameters against it, so the two never disagree.

import { defaultRunConfig, type RunConfig } from '../lrpo/config';
import { toLanguageCode } from '../data/languages';
import type { Problem } from '../data/example';
import { brief } from '../data/brief';

export type FieldKind = 'int' | 'number' | 'bool' | 'enum' | 'string' | 'list' | 'langs';

export interface FieldSpec {
  /** dotted path inside RunConfig, e.g. "router.lang_policy_alpha" */
  path: string;
  kind: FieldKind;
  group: 'run' | 'data' | 'model' | 'router' | 'reward' | 'actor' | 'sft' | 'trainer';
  min?: number;
  max?: number;
  /** lower bound excluded (e.g. lr > 0) */
  minExclusive?: boolean;
  choices?: readonly string[];
  help?: string;
}

const F = (path: string, kind: FieldKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  path,
  kind,
  group: (path.includes('.') ? path.split('.')[0] : 'run') as FieldSpec['group'],
  ...extra,
});

export const FIELDS: readonly FieldSpec[] = [
  F('seed', 'int', { min: 0, max: 2 ** 31 - 1, help: 'one seed for sampling, routing and init' }),
  F('backend', 'enum', { choices: ['webgpu', 'cpu'] }),
  F('data.train_files', 'string'),
  F('data.val_files', 'string'),
  F('data.train_batch_size', 'int', { min: 1, max: 1024, help: 'questions per training step' }),
  F('data.max_prompt_length', 'int', { min: 1, max: 4096 }),
  F('data.max_response_length', 'int', { min: 1, max: 4096 }),
  F('data.instruction_mode', 'enum', { choices: ['tag', 'system'] }),
  F('model.checkpoint', 'string', { help: 'warm-start checkpoint; empty = random init with the sizes below' }),
  F('model.n_layer', 'int', { min: 1, max: 48 }),
  F('model.n_head', 'int', { min: 1, max: 64 }),
  F('model.n_embd', 'int', { min: 4, max: 4096 }),
  F('model.block_size', 'int', { min: 8, max: 4096 }),
  F('router.dynamic_lang_policy', 'bool', { help: 'false = no routing (monolingual GRPO)' }),
  F('router.algorithm', 'enum', { choices: ['softmax_eps', 'ucb', 'thompson'] }),
  F('router.languages', 'langs', { help: 'router arms, comma-separated ISO codes' }),
  F('router.regional_topics', 'list'),
  F('router.fixed_lang_topics', 'list'),
  F('router.lang_policy_alpha', 'number', { min: 0, max: 1, minExclusive: true }),
  F('router.lang_policy_update_every', 'int', { min: 1, max: 100000 }),
  F('router.lang_policy_temperature_init', 'number', { min: 0, max: 100, minExclusive: true }),
  F('router.lang_policy_temperature_min', 'number', { min: 0, max: 100 }),
  F('router.lang_policy_temperature_decay', 'number', { min: 0, max: 1, minExclusive: true }),
  F('router.lang_policy_epsilon_init', 'number', { min: 0, max: 1 }),
  F('router.lang_policy_epsilon_min', 'number', { min: 0, max: 1 }),
  F('router.lang_policy_epsilon_decay', 'number', { min: 0, max: 1, minExclusive: true }),
  F('router.lang_policy_orig_lang_min', 'int', { min: 0, max: 1024 }),
  F('router.lang_policy_group_norm', 'enum', { choices: ['none', 'center', 'zscore'] }),
  F('router.lang_policy_group_norm_eps', 'number', { min: 0, max: 1, help: 'epsilon of zscore: (x - mean) / (std + eps)' }),
  F('router.lang_policy_log_every', 'int', { min: 0, max: 100000, help: '0 = no router log' }),
  F('router.lang_policy_log_max_keys', 'int', { min: 0, max: 100000, help: 'first N topic rows and first N region rows per line' }),
  F('router.lang_policy_log_path', 'string', { help: "where verl's LRPO trainer writes the router JSONL (exported with the verl overrides)" }),
  F('router.ucb_c', 'number', { min: 0, max: 100 }),
  F('router.thompson_prior_std', 'number', { min: 0, max: 100, minExclusive: true }),
  F('router.thompson_noise_std', 'number', { min: 0, max: 100, minExclusive: true }),
  F('router.uniform_mix', 'bool', { help: 'fixed uniform mix baseline (no learning)' }),
  F('reward.similarity', 'enum', { choices: ['match', 'embedding'] }),
  F('reward.embedding_model_url', 'string'),
  F('reward.embedding_tokenizer_url', 'string'),
  F('reward.calibration', 'enum', { choices: ['none', 'mean_shift', 'quantile'] }),
  F('reward.calibration_table', 'string'),
  F('reward.gate', 'enum', { choices: ['hard', 'soft', 'penalty'], help: "hard: 0 in the wrong language (reference); soft: weighed by LID confidence (reference's variant); penalty: x soft_gate_penalty (ours)" }),
  F('reward.soft_gate_penalty', 'number', { min: 0, max: 1, help: "the 'penalty' gate's factor in the wrong language" }),
  F('actor.rollout_n', 'int', { min: 1, max: 256, help: 'responses per question (one GRPO group)' }),
  F('actor.rollout_temperature', 'number', { min: 0, max: 10 }),
  F('actor.rollout_top_k', 'int', { min: 0, max: 100000 }),
  F('actor.rollout_top_p', 'number', { min: 0, max: 1, minExclusive: true }),
  F('actor.norm_adv_by_std_in_grpo', 'bool'),
  F('actor.clip_ratio_low', 'number', { min: 0, max: 1 }),
  F('actor.clip_ratio_high', 'number', { min: 0, max: 10 }),
  F('actor.clip_ratio_c', 'number', { min: 1, max: 100, help: 'dual-clip bound for negative advantages' }),
  F('actor.use_kl_loss', 'bool'),
  F('actor.kl_loss_coef', 'number', { min: 0, max: 100 }),
  F('actor.kl_loss_type', 'enum', { choices: ['low_var_kl', 'kl', 'mse'] }),
  F('actor.loss_agg_mode', 'enum', { choices: ['token-mean', 'seq-mean-token-sum', 'seq-mean-token-mean'] }),
  F('actor.ppo_mini_batch_size', 'int', { min: 1, max: 1024 }),
  F('actor.ppo_epochs', 'int', { min: 1, max: 100 }),
  F('actor.grad_clip', 'number', { min: 0, max: 1e6 }),
  F('actor.lr', 'number', { min: 0, max: 1, minExclusive: true }),
  F('actor.weight_decay', 'number', { min: 0, max: 10 }),
  F('actor.entropy_coeff', 'number', { min: -10, max: 10 }),
  F('sft.steps', 'int', { min: 0, max: 1e6 }),
  F('sft.extra_langs', 'int', { min: 0, max: 64 }),
  F('sft.lr', 'number', { min: 0, max: 1, minExclusive: true }),
  F('sft.batch_size', 'int', { min: 1, max: 1024 }),
  F('sft.answer_style', 'enum', { choices: ['sentence', 'short'], help: 'sentence: answers taught inside a short sentence in the target language, so language ID can tell a one-word answer\'s language' }),
  F('trainer.total_training_steps', 'int', { min: 1, max: 1e7 }),
  F('trainer.save_freq', 'int', { min: 0, max: 1e7, help: 'autosave every N steps (0 = on pause only)' }),
  F('trainer.test_freq', 'int', { min: 0, max: 1e7 }),
  F('trainer.max_consecutive_faults', 'int', { min: 1, max: 1000 }),
];

export const FIELD_BY_PATH: ReadonlyMap<string, FieldSpec> = new Map(FIELDS.map((f) => [f.path, f]));

export type FieldValue = number | boolean | string | string[];

export function getField(cfg: RunConfig, path: string): FieldValue {
  let v: unknown = cfg;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  return v as FieldValue;
}

/** A copy of cfg with one field replaced (cfg is not changed). */
export function setField(cfg: RunConfig, path: string, value: FieldValue): RunConfig {
  const out = structuredClone(cfg);
  const keys = path.split('.');
  let obj = out as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
  obj[keys[keys.length - 1]] = Array.isArray(value) ? [...value] : value;
  return out;
}

/** The field's value as text (the form and the URL use the same spelling). */
export function formatFieldValue(spec: FieldSpec, value: FieldValue): string {
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** Parses text for one field: the value, or the reason it is not acceptable. */
export function parseFieldValue(spec: FieldSpec, text: string): { value: FieldValue } | { reason: string } {
  const t = text.trim();
  switch (spec.kind) {
    case 'int':
    case 'number': {
      if (t === '') return { reason: 'a number is required' };
      const n = Number(t);
      if (!Number.isFinite(n)) return { reason: `${brief(text)} is not a finite number` };
      if (spec.kind === 'int' && !Number.isInteger(n)) return { reason: `${brief(text)} is not a whole number` };
      if (spec.min !== undefined && (spec.minExclusive ? n <= spec.min : n < spec.min))
        return { reason: `${n} is below the allowed range (${spec.minExclusive ? '>' : '≥'} ${spec.min})` };
      if (spec.max !== undefined && n > spec.max) return { reason: `${n} is above the allowed maximum ${spec.max}` };
      return { value: n };
    }
    case 'bool':
      if (t === 'true' || t === '1') return { value: true };
      if (t === 'false' || t === '0') return { value: false };
      return { reason: `${brief(text)} is not true or false` };
    case 'enum':
      if (spec.choices!.includes(t)) return { value: t };
      return { reason: `${brief(text)} is not one of ${spec.choices!.join(', ')}` };
    case 'string':
      return { value: t };
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

export interface CrossFieldProblem extends Problem {
  /** every field the rule involves (changing any of them can fix it) */
  involves: string[];
}

/** Rules that involve more than one field. Each problem names the field to fix and all it involves. */
export function crossFieldProblems(cfg: RunConfig): CrossFieldProblem[] {
  const out: CrossFieldProblem[] = [];
  const add = (field: string, involves: string[], reason: string) => out.push({ field, involves, reason });
  if (cfg.model.n_embd % cfg.model.n_head !== 0)
    add('model.n_embd', ['model.n_embd', 'model.n_head'], `n_embd ${cfg.model.n_embd} is not divisible by n_head ${cfg.model.n_head}`);
  if (cfg.router.lang_policy_orig_lang_min > cfg.actor.rollout_n)
    add('router.lang_policy_orig_lang_min', ['router.lang_policy_orig_lang_min', 'actor.rollout_n'],
      `orig_lang_min ${cfg.router.lang_policy_orig_lang_min} exceeds rollout_n ${cfg.actor.rollout_n}`);
  if (cfg.data.max_prompt_length + cfg.data.max_response_length > cfg.model.block_size)
    add('data.max_response_length', ['data.max_response_length', 'data.max_prompt_length', 'model.block_size'],
      `max_prompt_length + max_response_length (${cfg.data.max_prompt_length} + ${cfg.data.max_response_length}) must fit block_size ${cfg.model.block_size}`);
  if (cfg.data.train_batch_size % cfg.actor.ppo_mini_batch_size !== 0)
    add('actor.ppo_mini_batch_size', ['actor.ppo_mini_batch_size', 'data.train_batch_size'],
      `ppo_mini_batch_size ${cfg.actor.ppo_mini_batch_size} must divide train_batch_size ${cfg.data.train_batch_size}`);
  if (cfg.router.lang_policy_temperature_min > cfg.router.lang_policy_temperature_init)
    add('router.lang_policy_temperature_min', ['router.lang_policy_temperature_min', 'router.lang_policy_temperature_init'],
      'temperature_min is above temperature_init');
  if (cfg.router.lang_policy_epsilon_min > cfg.router.lang_policy_epsilon_init)
    add('router.lang_policy_epsilon_min', ['router.lang_policy_epsilon_min', 'router.lang_policy_epsilon_init'],
      'epsilon_min is above epsilon_init');
  if (cfg.actor.rollout_n < 2) add('actor.rollout_n', ['actor.rollout_n'], 'GRPO needs at least 2 responses per group');
  return out;
}

/** Every field-level and cross-field problem of a whole configuration (e.g. an opened run config). */
export function checkConfig(cfg: RunConfig): Problem[] {
  const out: Problem[] = [];
  for (const spec of FIELDS) {
    const v = getField(cfg, spec.path);
    if (v === undefined) {
      out.push({ field: spec.path, reason: 'missing' });
      continue;
    }
    const r = parseFieldValue(spec, formatFieldValue(spec, v));
    if ('reason' in r) out.push({ field: spec.path, reason: r.reason });
    else if (typeof r.value !== typeof v && !(Array.isArray(v) && Array.isArray(r.value)))
      out.push({ field: spec.path, reason: `expected ${spec.kind}, found ${typeof v}` });
  }
  return out.length ? out : crossFieldProblems(cfg).map(({ involves: _i, ...p }) => p);
}

export function defaults(): RunConfig {
  return defaultRunConfig();
}
