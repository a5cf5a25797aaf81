// Validation of a RouterConfig by the run config's table of option rules (config-rules.ts): every
// problem names its field (the reference's option name).

import type { Problem } from '../../data/example';
import { defaultRouterConfig, type RouterConfig, type RunConfig } from '../config';
import { CROSS_FIELD_RULES, OPTION_RULES, optionProblems } from '../config-rules';

const ROUTER_RULES = OPTION_RULES.filter((o) => o.path.startsWith('router.'));
const ROUTER_CROSS = CROSS_FIELD_RULES.filter((r) => r.involves.every((f) => f.startsWith('router.')));

/** The router options' rules of the run config's table (config-rules.ts), fields named without "router.". */
export function checkRouterConfig(cfg: RouterConfig, file?: string): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, reason: string) => problems.push({ ...(file ? { file } : {}), field: field.replace(/^router\./, ''), reason });
  for (const o of ROUTER_RULES) {
    for (const p of optionProblems(o, (cfg as unknown as Record<string, unknown>)[o.path.slice('router.'.length)])) bad(p.field, p.reason);
  }
  if (problems.length) return problems;
  const asRun = { router: cfg } as unknown as RunConfig;
  for (const r of ROUTER_CROSS) {
    const msg = r.check(asRun);
    if (msg) bad(r.field, msg);
  }
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
