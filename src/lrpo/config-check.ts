// Validation of a RunConfig by the one table of option rules (config-rules.ts), and resolution of a
// (partial) JSON run config onto the defaults. Every problem names its field
// ("router.lang_policy_alpha: must be in (0, 1], got 3") so a user can fix a run file without guessing.

import type { Problem } from '../data/example';
import { brief, clipText } from '../data/brief';
import { defaultRunConfig, type RunConfig } from './config';
import { OPTION_RULES, configProblems, getOption } from './config-rules';

const show = (v: unknown) => (Array.isArray(v) ? `[${v.length} items]` : v !== null && typeof v === 'object' ? 'an object' : brief(v));

/** Every option's dotted path (config-rules.ts). */
export const CONFIG_FIELDS: readonly string[] = OPTION_RULES.map((o) => o.path);

export const getField = getOption;

export function setField(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}

/** Every problem of a complete config: per-option rules, then rules across options (config-rules.ts). */
export function checkRunConfig(c: RunConfig, file?: string): Problem[] {
  return configProblems(c).map(({ field, reason }) => ({ file, field, reason }));
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
