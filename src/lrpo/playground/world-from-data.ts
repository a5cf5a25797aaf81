// Worlds from real material: the contexts of a loaded dataset, and "from a run" means measured
// from logged rewards (a router-replay OBS.jsonl, or rollouts.jsonl lines that carry topic, region,
// language and reward).

import type { Example, Problem } from '../../data/example';
import { toLanguageCode } from '../../data/languages';
import { brief } from '../../data/brief';
import { readJsonlLines } from '../../data/jsonl-lines';
import { parseObservations, type ObservedReward } from '../router/replay';
import { regionKeys } from '../router/types';
import type { World, WorldContext } from './world';

const MAX_CONTEXTS = 12;

function mostCommon(counts: Map<string, number>, allowed: readonly string[]): string {
  let best = '';
  let n = -1;
  for (const [k, v] of counts) if (allowed.includes(k) && v > n) [best, n] = [k, v];
  return best || (allowed.includes('en') ? 'en' : allowed[0]);
}

/**
 * Contexts of a dataset: one per topic, and one per (topic, regions) for regional topics; weight =
 * number of examples; original language = the most common language of its examples that is one of
 * the router's languages. The MAX_CONTEXTS most frequent are kept.
 */
export function contextsFromExamples(examples: readonly Pick<Example, 'topic' | 'regions' | 'language'>[], languages: readonly string[], regionalTopics: readonly string[]): WorldContext[] {
  const groups = new Map<string, { topic: string; regions: string[]; n: number; langs: Map<string, number> }>();
  for (const e of examples) {
    const regions = regionalTopics.includes(e.topic) ? (e.regions.length ? [...e.regions] : []) : [];
    const key = e.topic + '\u0000' + regions.join('\u0001');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { topic: e.topic, regions, n: 0, langs: new Map() }));
    g.n++;
    g.langs.set(e.language, (g.langs.get(e.language) ?? 0) + 1);
  }
  return [...groups.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, MAX_CONTEXTS)
    .map((g) => ({ topic: g.topic, regions: g.regions, origLang: mostCommon(g.langs, languages), weight: g.n }));
}

export interface RewardRecordsRead {
  records: ObservedReward[];
  /** row = the 1-based line; field = the record field (rewards[j].<name> in OBS.jsonl) */
  problems: Problem[];
}

const isRegion = (v: unknown): v is ObservedReward['region'] =>
  v === null || typeof v === 'string' || (Array.isArray(v) && v.every((g) => typeof g === 'string'));

/**
 * Reward records from an OBS.jsonl (router replay input) or a rollouts.jsonl with topic/region/lang/reward
 * fields. Never throws: each unusable line is a problem with its line and field, the others load.
 */
export function parseRewardRecords(input: Uint8Array | string, file?: string): RewardRecordsRead {
  const read = readJsonlLines(input);
  const first = read.entries[0]?.value as Record<string, unknown> | undefined;
  if (first && typeof first === 'object' && !Array.isArray(first) && 'rewards' in first) {
    const { steps, problems } = parseObservations(input, file);
    return { records: steps.flatMap((s) => s.rewards), problems };
  }
  const records: ObservedReward[] = [];
  const problems: Problem[] = [];
  for (const i of read.issues) problems.push({ ...(file ? { file } : {}), row: i.line, reason: i.reason });
  read.entries.forEach(({ line, value: parsed }) => {
    const bad = (field: string | undefined, reason: string) => problems.push({ ...(file ? { file } : {}), row: line, ...(field ? { field } : {}), reason });
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return void bad(undefined, 'each line must be a JSON object with topic, lang and reward');
    const o = parsed as Record<string, unknown>;
    const topic = o.topic ?? o.ability;
    if (typeof topic !== 'string' || !topic) return void bad(o.topic === undefined && o.ability !== undefined ? 'ability' : 'topic', `must be a non-empty string, got ${brief(topic)}`);
    const langField = (['lang', 'target_lang', 'targetLang', 'language'] as const).find((k) => o[k] !== undefined && o[k] !== null) ?? 'lang';
    const langRaw = o[langField];
    const lang = typeof langRaw === 'string' ? toLanguageCode(langRaw) : null;
    if (!lang) return void bad(langField, `must be a language code or name, got ${brief(langRaw)}`);
    const reward = o.reward;
    if (typeof reward !== 'number' || !Number.isFinite(reward)) return void bad('reward', `must be a finite number, got ${brief(reward)}`);
    const regionField = o.region !== undefined && o.region !== null ? 'region' : 'regions';
    const region = o.region ?? o.regions ?? null;
    if (!isRegion(region)) return void bad(regionField, `must be a string, a list of strings or null, got ${brief(region)}`);
    records.push({ topic, region, lang, reward });
  });
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { records, problems };
}

/**
 * "From a run": one context per topic (per topic and region for regional topics); mean and spread
 * (population std) of the logged rewards per language; a language never logged in a context gets
 * the context's mean over its logged languages and spread 0 (`unmeasured` counts those cells).
 * Original language = the most logged language of the context (the quota makes it so in LRPO).
 */
export function worldFromRecords(records: readonly ObservedReward[], languages: readonly string[], regionalTopics: readonly string[], kind: World['kind'] = 'gaussian'): { world: World | null; unmeasured: number; problems: Problem[] } {
  const L = languages.length;
  const ctx = new Map<string, { topic: string; regions: string[]; n: Float64Array; sum: Float64Array; sq: Float64Array; total: number; langs: Map<string, number> }>();
  for (const r of records) {
    const li = languages.indexOf(r.lang);
    if (li < 0) continue;
    const regions = regionalTopics.includes(r.topic) ? regionKeys(r.region) : [];
    const key = r.topic + '\u0000' + regions.join('\u0001');
    let c = ctx.get(key);
    if (!c) ctx.set(key, (c = { topic: r.topic, regions, n: new Float64Array(L), sum: new Float64Array(L), sq: new Float64Array(L), total: 0, langs: new Map() }));
    c.n[li]++;
    c.sum[li] += r.reward;
    c.sq[li] += r.reward * r.reward;
    c.total++;
    c.langs.set(r.lang, (c.langs.get(r.lang) ?? 0) + 1);
  }
  if (ctx.size === 0) return { world: null, unmeasured: 0, problems: [{ reason: "no logged reward is in one of the router's languages" }] };
  let unmeasured = 0;
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const groups = [...ctx.values()].sort((a, b) => b.total - a.total).slice(0, MAX_CONTEXTS);
  const means: number[][] = [];
  const spreads: number[][] = [];
  for (const c of groups) {
    let s = 0, n = 0;
    for (let l = 0; l < L; l++) if (c.n[l]) { s += c.sum[l] / c.n[l]; n++; }
    const fill = s / n;
    means.push(Array.from({ length: L }, (_, l) => (c.n[l] ? clip(c.sum[l] / c.n[l]) : (unmeasured++, clip(fill)))));
    spreads.push(Array.from({ length: L }, (_, l) => {
      if (!c.n[l]) return 0;
      const m = c.sum[l] / c.n[l];
      return clip(Math.sqrt(Math.max(0, c.sq[l] / c.n[l] - m * m)));
    }));
  }
  const contexts: WorldContext[] = groups.map((c) => ({ topic: c.topic, regions: c.regions, origLang: mostCommon(c.langs, languages), weight: c.total }));
  return { world: { languages: [...languages], kind, contexts, means, spreads }, unmeasured, problems: [] };
}
