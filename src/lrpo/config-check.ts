// Validation of a RunConfig, field by field, and resolution of a (partial) JSON run config onto the
// defaults. Every problem names its field ("router.lang_policy_alpha: must be in (0, 1], got 3")
// so a user can fix a run file without guessing.

import type { Problem } from '../data/example';
import { toLanguageCode } from '../data/languages';
import { brief, clipText } from '../data/brief';
import { defaultRunConfig, type RunConfig } from './config';

type Check = (v: unknown) => string | null;

// values as messages show them: cut short (a 10 MB string must not become a 10 MB message)
const show = (v: unknown) => (Array.isArray(v) ? `[${v.length} items]` : v !== null && typeof v === 'object' ? 'an object' : brief(v));
const num = (test: (x: number) => boolean, what: string): Check => (v) =>
  typeof v !== 'number' || !Number.isFinite(v) ? `must be a number, got ${show(v)}` : test(v) ? null : `must be ${what}, got ${show(v)}`;
const int = (min: number, max = Infinity): Check => (v) =>
  typeof v !== 'number' || !Number.isInteger(v) ? `must be an integer, got ${show(v)}`
    : v < min || v > max ? `must be an integer in [${min}, ${max === Infinity ? '∞' : max}], got ${v}` : null;
const oneOf = (...allowed: string[]): Check => (v) => (typeof v === 'string' && allowed.includes(v) ? null : `must be one of ${allowed.join(', ')}, got ${show(v)}`);
const bool: Check = (v) => (typeof v === 'boolean' ? null : `must be true or false, got ${show(v)}`);
const str: Check = (v) => (typeof v === 'string' ? null : `must be a string, got ${show(v)}`);
const strList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : `must be a list of strings, got ${show(v)}`);
const unit = num((x) => x > 0 && x <= 1, 'in (0, 1]');
const prob = num((x) => x >= 0 && x <= 1, 'in [0, 1]');
const pos = num((x) => x > 0, '> 0');
const nonneg = num((x) => x >= 0, '>= 0');

const RULES: Record<string, Check> = {
  seed: int(0, 2 ** 32 - 1),
  backend: oneOf('cpu', 'webgpu'),
  'data.train_files': str,
  'data.val_files': str,
  'data.train_batch_size': int(1),
  'data.max_prompt_length': int(2),
  'data.max_response_length': int(1),
  'data.instruction_mode': oneOf('tag', 'system'),
  'model.checkpoint': str,
  'model.n_layer': int(1, 64),
  'model.n_head': int(1, 64),
  'model.n_embd': int(4, 4096),
  'model.block_size': int(4, 8192),
  'router.dynamic_lang_policy': bool,
  'router.algorithm': oneOf('softmax_eps', 'ucb', 'thompson'),
  'router.languages': strList,
  'router.regional_topics': strList,
  'router.fixed_lang_topics': strList,
  'router.lang_policy_alpha': unit,
  'router.lang_policy_update_every': int(1),
  'router.lang_policy_temperature_init': pos,
  'router.lang_policy_temperature_min': nonneg,
  'router.lang_policy_temperature_decay': unit,
  'router.lang_policy_epsilon_init': prob,
  'router.lang_policy_epsilon_min': prob,
  'router.lang_policy_epsilon_decay': unit,
  'router.lang_policy_orig_lang_min': int(0),
  'router.lang_policy_group_norm': oneOf('none', 'center', 'zscore'),
  'router.lang_policy_group_norm_eps': nonneg,
  'router.lang_policy_log_every': int(0),
  'router.lang_policy_log_max_keys': int(0),
  'router.lang_policy_log_path': str,
  'router.ucb_c': nonneg,
  'router.thompson_prior_std': pos,
  'router.thompson_noise_std': pos,
  'router.uniform_mix': bool,
  'reward.similarity': oneOf('match', 'embedding'),
  'reward.embedding_model_url': str,
  'reward.embedding_tokenizer_url': str,
  'reward.calibration': oneOf('none', 'mean_shift', 'quantile'),
  'reward.calibration_table': str,
  'reward.gate': oneOf('hard', 'soft', 'penalty'),
  'reward.soft_gate_penalty': prob,
  'actor.rollout_n': int(1, 64),
  'actor.rollout_temperature': nonneg,
  'actor.rollout_top_k': int(0),
  'actor.rollout_top_p': unit,
  'actor.norm_adv_by_std_in_grpo': bool,
  'actor.clip_ratio_low': num((x) => x >= 0 && x < 1, 'in [0, 1)'),
  'actor.clip_ratio_high': nonneg,
  'actor.clip_ratio_c': num((x) => x > 1, '> 1'),
  'actor.use_kl_loss': bool,
  'actor.kl_loss_coef': nonneg,
  'actor.kl_loss_type': oneOf('low_var_kl', 'kl', 'mse'),
  'actor.loss_agg_mode': oneOf('token-mean', 'seq-mean-token-sum', 'seq-mean-token-mean'),
  'actor.ppo_mini_batch_size': int(1),
  'actor.ppo_epochs': int(1, 100),
  'actor.grad_clip': nonneg,
  'actor.lr': num((x) => x > 0 && x < 1, 'in (0, 1)'),
  'actor.weight_decay': nonneg,
  'actor.entropy_coeff': num(() => true, 'a number'),
  'sft.steps': int(0),
  'sft.extra_langs': int(0, 64),
  'sft.lr': num((x) => x > 0 && x < 1, 'in (0, 1)'),
  'sft.batch_size': int(1),
  'sft.answer_style': oneOf('sentence', 'short'),
  'trainer.total_training_steps': int(0),
  'trainer.save_freq': int(0),
  'trainer.test_freq': int(0),
  'trainer.max_consecutive_faults': int(1),
};

export const CONFIG_FIELDS: readonly string[] = Object.keys(RULES);

export function getField(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

export function setField(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

/** Every problem of a complete config: per-field rules, then rules across fields. */
export function checkRunConfig(c: RunConfig, file?: string): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, reason: string) => problems.push({ file, field, reason });
  for (const [field, rule] of Object.entries(RULES)) {
    const msg = rule(getField(c, field));
    if (msg) add(field, msg);
  }
  if (problems.length) return problems;
  const r = c.router;
  if (r.languages.length === 0) add('router.languages', 'must list at least one language');
  r.languages.forEach((l, i) => {
    if (toLanguageCode(l) !== l) add(`router.languages[${i}]`, `must be a known ISO 639-1 code, got ${brief(l)}`);
  });
  if (new Set(r.languages).size !== r.languages.length) add('router.languages', 'lists a language twice');
  if (r.lang_policy_temperature_min > r.lang_policy_temperature_init) add('router.lang_policy_temperature_min', `must be <= lang_policy_temperature_init (${r.lang_policy_temperature_init}), got ${r.lang_policy_temperature_min}`);
  if (r.lang_policy_epsilon_min > r.lang_policy_epsilon_init) add('router.lang_policy_epsilon_min', `must be <= lang_policy_epsilon_init (${r.lang_policy_epsilon_init}), got ${r.lang_policy_epsilon_min}`);
  if (r.lang_policy_orig_lang_min > c.actor.rollout_n) add('router.lang_policy_orig_lang_min', `must be <= actor.rollout_n (${c.actor.rollout_n}), got ${r.lang_policy_orig_lang_min}`);
  if (c.model.n_embd % c.model.n_head !== 0) add('model.n_embd', `must be divisible by model.n_head (${c.model.n_head}), got ${c.model.n_embd}`);
  if (c.data.max_prompt_length + c.data.max_response_length > c.model.block_size) {
    add('data.max_response_length', `data.max_prompt_length + data.max_response_length (${c.data.max_prompt_length} + ${c.data.max_response_length}) must fit model.block_size (${c.model.block_size})`);
  }
  if (c.data.train_batch_size % c.actor.ppo_mini_batch_size !== 0) add('actor.ppo_mini_batch_size', `must divide data.train_batch_size (${c.data.train_batch_size}), got ${c.actor.ppo_mini_batch_size}`);
  if (c.reward.similarity === 'embedding' && !c.reward.embedding_model_url) add('reward.embedding_model_url', 'is required when reward.similarity is "embedding"');
  if (c.reward.calibration !== 'none' && !c.reward.calibration_table) add('reward.calibration_table', `is required when reward.calibration is "${c.reward.calibration}"`);
  return problems;
}

function mergeInto(target: Record<string, unknown>, src: Record<string, unknown>, prefix: string, problems: Problem[], file?: string): void {
  for (const [k, v] of Object.entries(src)) {
    const path = prefix ? `${prefix}.${clipText(k)}` : clipText(k);
    // own keys only: "constructor" or "__proto__" are not options (and must not reach Object.prototype)
    if (!Object.hasOwn(target, k)) {
      problems.push({ file, field: path, reason: 'is not a run config option' });
      continue;
    }
    const cur = target[k];
    if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) problems.push({ file, field: path, reason: `must be an object, got ${show(v)}` });
      else mergeInto(cur as Record<string, unknown>, v as Record<string, unknown>, path, problems, file);
    } else target[k] = v;
  }
}

/** A JSON run config (any subset of the options) over the defaults, and every problem found. */
export function resolveRunConfig(raw: unknown, file?: string, base: RunConfig = defaultRunConfig()): { config: RunConfig | null; problems: Problem[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: null, problems: [{ file, reason: 'a run config must be a JSON object' }] };
  }
  const config = structuredClone(base) as unknown as Record<string, unknown>;
  const problems: Problem[] = [];
  mergeInto(config, raw as Record<string, unknown>, '', problems, file);
  problems.push(...checkRunConfig(config as unknown as RunConfig, file));
  return problems.length ? { config: null, problems } : { config: config as unknown as RunConfig, problems };
}
