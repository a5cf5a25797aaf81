// The playground's simulated world: contexts (a topic, and its regions under regional topics, with
// the questions' original language) and for each context x language a true reward distribution
// (mean and spread; Bernoulli(mean), or a Gaussian(mean, spread) clipped to [0, 1]). A world may
// drift: from step `drift.atStep` on, the means are `drift.means`.

import type { Problem } from '../../data/example';
import type { Rng } from '../../engine/rng';

export type RewardKind = 'bernoulli' | 'gaussian';

export interface WorldContext {
  topic: string;
  regions: string[];
  /** the questions' original language (the quota's language); one of the world's languages */
  origLang: string;
  /** relative frequency of questions from this context */
  weight: number;
}

export interface World {
  /** arms, in the router's order */
  languages: string[];
  kind: RewardKind;
  contexts: WorldContext[];
  /** means[c][l] in [0, 1] */
  means: number[][];
  /** spreads[c][l] >= 0 (the Gaussian's std; unused for Bernoulli) */
  spreads: number[][];
  drift?: { atStep: number; means: number[][] };
}

export function contextLabel(c: Pick<WorldContext, 'topic' | 'regions'>): string {
  return c.regions.length ? `${c.topic} / ${c.regions.join(', ')}` : c.topic;
}

/** the means in force at a (0-based) step */
export function meansAt(world: World, step: number): number[][] {
  return world.drift && step >= world.drift.atStep ? world.drift.means : world.means;
}

/** index of the best language of a context at a step (first of equals) */
export function bestArm(means: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < means.length; i++) if (means[i] > means[best]) best = i;
  return best;
}

export function drawReward(world: World, mean: number, spread: number, rng: Rng): number {
  if (world.kind === 'bernoulli') return rng.next() < mean ? 1 : 0;
  return Math.min(1, Math.max(0, mean + spread * rng.normal()));
}

/** Everything wrong with a world (e.g. one decoded from a URL), with the field that is wrong. */
export function checkWorld(world: unknown, where = 'world'): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, reason: string) => problems.push({ field: `${where}.${field}`, reason });
  if (typeof world !== 'object' || world === null) return [{ field: where, reason: 'must be an object' }];
  const w = world as Partial<World>;
  if (!Array.isArray(w.languages) || w.languages.length < 2 || w.languages.some((l) => typeof l !== 'string')) {
    bad('languages', 'must list at least two language codes');
    return problems;
  }
  if (new Set(w.languages).size !== w.languages.length) bad('languages', 'lists a language twice');
  if (w.kind !== 'bernoulli' && w.kind !== 'gaussian') bad('kind', 'must be "bernoulli" or "gaussian"');
  if (!Array.isArray(w.contexts) || w.contexts.length === 0) {
    bad('contexts', 'must list at least one context');
    return problems;
  }
  const L = w.languages.length;
  const C = w.contexts.length;
  w.contexts.forEach((c, i) => {
    if (typeof c?.topic !== 'string' || !c.topic) bad(`contexts[${i}].topic`, 'must be a non-empty string');
    if (!Array.isArray(c?.regions) || c.regions.some((r) => typeof r !== 'string')) bad(`contexts[${i}].regions`, 'must be a list of strings');
    if (!w.languages!.includes(c?.origLang)) bad(`contexts[${i}].origLang`, `must be one of the world's languages, got ${JSON.stringify(c?.origLang)}`);
    if (typeof c?.weight !== 'number' || !(c.weight > 0)) bad(`contexts[${i}].weight`, 'must be a number > 0');
  });
  const grid = (name: string, g: unknown, lo: number, hi: number) => {
    if (!Array.isArray(g) || g.length !== C) return void bad(name, `must have one row per context (${C})`);
    g.forEach((row: unknown, c) => {
      if (!Array.isArray(row) || row.length !== L) return void bad(`${name}[${c}]`, `must have one value per language (${L})`);
      row.forEach((v: unknown, l) => {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) bad(`${name}[${c}][${l}]`, `must be a number in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
      });
    });
  };
  grid('means', w.means, 0, 1);
  grid('spreads', w.spreads, 0, 1);
  if (w.drift !== undefined) {
    if (typeof w.drift !== 'object' || w.drift === null || !Number.isInteger(w.drift.atStep) || w.drift.atStep < 0) bad('drift.atStep', 'must be a non-negative integer');
    else grid('drift.means', w.drift.means, 0, 1);
  }
  return problems;
}
