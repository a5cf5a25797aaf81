// Validation of a RouterConfig: every problem names its field (the reference's option name).

import type { Problem } from '../../data/example';
import { defaultRouterConfig, type RouterConfig } from '../config';

const ALGORITHMS = ['softmax_eps', 'ucb', 'thompson'];
const GROUP_NORMS = ['none', 'center', 'zscore'];

export function checkRouterConfig(cfg: RouterConfig, file?: string): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, reason: string) => problems.push({ ...(file ? { file } : {}), field, reason });
  const num = (field: keyof RouterConfig, test: (v: number) => boolean, rule: string) => {
    const v = cfg[field] as unknown;
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(field, `must be a number, got ${JSON.stringify(v)}`);
    else if (!test(v)) bad(field, `${rule}, got ${v}`);
  };
  const int = (field: keyof RouterConfig, min: number) =>
    num(field, (v) => Number.isInteger(v) && v >= min, `must be an integer >= ${min}`);

  if (typeof cfg.dynamic_lang_policy !== 'boolean') bad('dynamic_lang_policy', 'must be true or false');
  if (typeof cfg.uniform_mix !== 'boolean') bad('uniform_mix', 'must be true or false');
  if (!ALGORITHMS.includes(cfg.algorithm)) bad('algorithm', `must be one of ${ALGORITHMS.join(', ')}, got ${JSON.stringify(cfg.algorithm)}`);
  if (!GROUP_NORMS.includes(cfg.lang_policy_group_norm)) {
    bad('lang_policy_group_norm', `must be one of ${GROUP_NORMS.join(', ')}, got ${JSON.stringify(cfg.lang_policy_group_norm)}`);
  }
  if (!Array.isArray(cfg.languages) || cfg.languages.length === 0) bad('languages', 'must list at least one language code');
  else {
    const seen = new Set<string>();
    cfg.languages.forEach((l, i) => {
      if (typeof l !== 'string' || !/^[a-z]{2,3}(-[a-z0-9]+)?$/i.test(l)) bad(`languages[${i}]`, `must be a language code like "en", got ${JSON.stringify(l)}`);
      else if (seen.has(l)) bad(`languages[${i}]`, `"${l}" is listed twice`);
      seen.add(l);
    });
  }
  for (const f of ['regional_topics', 'fixed_lang_topics'] as const) {
    if (!Array.isArray(cfg[f]) || cfg[f].some((t) => typeof t !== 'string')) bad(f, 'must be a list of topic names');
  }
  num('lang_policy_alpha', (v) => v > 0 && v <= 1, 'must be in (0, 1]');
  int('lang_policy_update_every', 1);
  num('lang_policy_temperature_init', (v) => v > 0, 'must be > 0');
  num('lang_policy_temperature_min', (v) => v > 0, 'must be > 0');
  num('lang_policy_temperature_decay', (v) => v > 0 && v <= 1, 'must be in (0, 1]');
  num('lang_policy_epsilon_init', (v) => v >= 0 && v <= 1, 'must be in [0, 1]');
  num('lang_policy_epsilon_min', (v) => v >= 0 && v <= 1, 'must be in [0, 1]');
  num('lang_policy_epsilon_decay', (v) => v > 0 && v <= 1, 'must be in (0, 1]');
  int('lang_policy_orig_lang_min', 0);
  num('lang_policy_group_norm_eps', (v) => v >= 0, 'must be >= 0');
  int('lang_policy_log_every', 0);
  int('lang_policy_log_max_keys', 0);
  if (typeof cfg.lang_policy_log_path !== 'string') bad('lang_policy_log_path', `must be a path (a string), got ${JSON.stringify(cfg.lang_policy_log_path)}`);
  num('ucb_c', (v) => v >= 0, 'must be >= 0');
  num('thompson_prior_std', (v) => v > 0, 'must be > 0');
  num('thompson_noise_std', (v) => v > 0, 'must be > 0');
  return problems;
}

/**
 * Reads router options from a JSON object: a RunConfig (its `router` object), or router options at
 * the top level. Keys may carry verl's prefixes ("+data.", "data."). Unknown keys are problems.
 * Missing keys take the reference's defaults.
 */
export function routerConfigFromJson(json: unknown, file?: string): { config: RouterConfig; problems: Problem[] } {
  const base = defaultRouterConfig();
  const problems: Problem[] = [];
  const where = file ? { file } : {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { config: base, problems: [{ ...where, reason: 'the router config must be a JSON object' }] };
  }
  let obj = json as Record<string, unknown>;
  if (typeof obj.router === 'object' && obj.router !== null && !Array.isArray(obj.router)) obj = obj.router as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const [rawKey, value] of Object.entries(obj)) {
    const key = rawKey.replace(/^\+?data\./, '');
    if (!(key in base)) {
      problems.push({ ...where, field: rawKey, reason: 'is not a router option' });
      continue;
    }
    out[key] = value;
  }
  const config = out as unknown as RouterConfig;
  problems.push(...checkRouterConfig(config, file));
  return { config, problems };
}
