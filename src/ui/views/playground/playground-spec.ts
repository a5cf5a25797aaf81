// What a playground session is: the world, the router settings, the routers compared side by side
// (same world, same seed) and the simulation sizes. Lives in the URL as ?pg=<base64url JSON>.

import type { Problem } from '../../../data/example';
import { defaultRouterConfig, type RouterAlgorithm, type RouterConfig } from '../../../lrpo/config';
import { presetWorld } from '../../../lrpo/playground/presets';
import { checkWorld, type World } from '../../../lrpo/playground/world';
import { checkRouterConfig } from '../../../lrpo/router/config-check';

export const MAX_COLUMNS = 3;
/** the page keeps every step's distributions: 20,000 steps x 3 routers x 12 contexts x 15 languages ≈ 43 MB */
export const MAX_STEPS = 20_000;
export const ALGORITHMS: { id: RouterAlgorithm; label: string }[] = [
  { id: 'softmax_eps', label: 'softmax / ε (reference)' },
  { id: 'ucb', label: 'UCB' },
  { id: 'thompson', label: 'Thompson sampling' },
];

export interface PlaygroundSpec {
  world: World;
  /** every router option; `algorithm` is set per column */
  router: RouterConfig;
  columns: RouterAlgorithm[];
  /** rollouts per question (group size) */
  n: number;
  questionsPerStep: number;
  seed: number;
  /** steps of a full run */
  steps: number;
}

export function defaultSpec(): PlaygroundSpec {
  return { world: presetWorld('local_best'), router: defaultRouterConfig(), columns: ['softmax_eps', 'ucb'], n: 8, questionsPerStep: 4, seed: 1, steps: 1000 };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

export function encodeSpec(spec: PlaygroundSpec): string {
  const world = {
    ...spec.world,
    means: spec.world.means.map((r) => r.map(round)),
    spreads: spec.world.spreads.map((r) => r.map(round)),
    ...(spec.world.drift ? { drift: { atStep: spec.world.drift.atStep, means: spec.world.drift.means.map((r) => r.map(round)) } } : {}),
  };
  const { languages: _langs, ...router } = spec.router; // the world's languages are the arms
  const json = JSON.stringify({ v: 1, world, router, columns: spec.columns, n: spec.n, questionsPerStep: spec.questionsPerStep, seed: spec.seed, steps: spec.steps });
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The spec in a `pg` URL parameter, or the problems (each naming the part of `pg` that is wrong). */
export function decodeSpec(param: string): { spec: PlaygroundSpec; problems: [] } | { spec: null; problems: Problem[] } {
  const fail = (field: string, reason: string) => ({ spec: null, problems: [{ field, reason }] });
  let obj: Record<string, unknown>;
  try {
    const bin = atob(param.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    obj = JSON.parse(json);
  } catch (e) {
    return fail('pg', `is not base64url-encoded JSON (${(e as Error).message})`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return fail('pg', 'must encode a JSON object');
  const problems: Problem[] = checkWorld(obj.world, 'pg.world');
  const world = obj.world as World;
  if (typeof obj.router !== 'object' || obj.router === null) problems.push({ field: 'pg.router', reason: 'must be an object of router options' });
  const router: RouterConfig = { ...defaultRouterConfig(), ...(obj.router as object), languages: problems.length ? [] : [...world.languages] };
  if (!problems.length) {
    for (const p of checkRouterConfig(router)) problems.push({ ...p, field: `pg.router.${p.field}` });
  }
  const cols = obj.columns;
  if (!Array.isArray(cols) || cols.length < 1 || cols.length > MAX_COLUMNS || cols.some((c) => !ALGORITHMS.some((a) => a.id === c))) {
    problems.push({ field: 'pg.columns', reason: `must list 1 to ${MAX_COLUMNS} of ${ALGORITHMS.map((a) => a.id).join(', ')}` });
  }
  const int = (name: string, min: number, max: number) => {
    const v = obj[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push({ field: `pg.${name}`, reason: `must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}` });
  };
  int('n', 1, 64);
  int('questionsPerStep', 1, 64);
  int('seed', 0, 2 ** 31 - 1);
  int('steps', 1, MAX_STEPS);
  if (problems.length) return { spec: null, problems };
  return {
    spec: { world, router, columns: cols as RouterAlgorithm[], n: obj.n as number, questionsPerStep: obj.questionsPerStep as number, seed: obj.seed as number, steps: obj.steps as number },
    problems: [],
  };
}
