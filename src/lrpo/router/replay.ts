// What-if replay: logged rewards applied to a router of any settings, in order, with no sampling.
// OBS.jsonl holds one line per training step: {"step": S, "rewards": [{"topic", "region", "lang",
// "reward"}, ...]}. Each line is one router step (beginStep, observe every reward, endStep), so the
// log lines are written before that step's update, exactly as in training. Deterministic.

import type { Problem } from '../../data/example';
import { toLanguageCode } from '../../data/languages';
import { brief } from '../../data/brief';
import { readJsonlLines } from '../../data/jsonl-lines';
import type { RouterConfig } from '../config';
import { createRouter } from './create-router';
import type { BaseRouter } from './base-router';
import type { RouterLogLine } from './types';

export interface ObservedReward {
  topic: string;
  /** as logged: null (key "None"), a string, or a list (null items dropped; empty = key "[]") */
  region: string | (string | null)[] | null;
  lang: string;
  reward: number;
}

export interface ObservedStep {
  step: number;
  /** 1-based line in the file */
  line: number;
  rewards: ObservedReward[];
}

export function parseObservations(input: Uint8Array | string, file?: string): { steps: ObservedStep[]; problems: Problem[] } {
  const steps: ObservedStep[] = [];
  const problems: Problem[] = [];
  let lastStep = -Infinity;
  const read = readJsonlLines(input);
  for (const i of read.issues) problems.push({ ...(file ? { file } : {}), row: i.line, reason: i.reason });
  read.entries.forEach(({ line, value: obj }) => {
    const bad = (field: string | undefined, reason: string) => problems.push({ ...(file ? { file } : {}), row: line, ...(field ? { field } : {}), reason });
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return void bad(undefined, 'each line must be a JSON object {"step", "rewards"}');
    const o = obj as Record<string, unknown>;
    if (typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0) return void bad('step', `must be a non-negative integer, got ${brief(o.step)}`);
    if (o.step <= lastStep) bad('step', `steps must increase line by line (${o.step} after ${lastStep})`);
    lastStep = o.step;
    if (!Array.isArray(o.rewards)) return void bad('rewards', 'must be a list of {"topic", "region", "lang", "reward"}');
    const rewards: ObservedReward[] = [];
    o.rewards.forEach((r: unknown, j: number) => {
      const f = (name: string) => `rewards[${j}].${name}`;
      if (typeof r !== 'object' || r === null) return void bad(`rewards[${j}]`, 'must be an object');
      const x = r as Record<string, unknown>;
      if (typeof x.topic !== 'string' || !x.topic) return void bad(f('topic'), 'must be a non-empty string');
      const region = x.region === undefined ? null : x.region;
      if (!(region === null || typeof region === 'string' || (Array.isArray(region) && region.every((g) => typeof g === 'string' || g === null)))) {
        return void bad(f('region'), 'must be a string, a list of strings or null');
      }
      const lang = typeof x.lang === 'string' ? toLanguageCode(x.lang) : null;
      if (!lang) return void bad(f('lang'), `must be a language code or name, got ${brief(x.lang)}`);
      if (typeof x.reward !== 'number' || !Number.isFinite(x.reward)) return void bad(f('reward'), `must be a finite number, got ${brief(x.reward)}`);
      rewards.push({ topic: x.topic, region: region as ObservedReward['region'], lang, reward: x.reward });
    });
    steps.push({ step: o.step, line, rewards });
  });
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { steps, problems };
}

export interface ReplayResult {
  router: BaseRouter;
  log: RouterLogLine[];
  /** rewards whose language is not one of the router's arms (not buffered, as in training) */
  skipped: number;
}

export function replayObservations(config: RouterConfig, steps: readonly ObservedStep[], seed = 0): ReplayResult {
  const router = createRouter(config, seed);
  const log: RouterLogLine[] = [];
  let skipped = 0;
  // as in training, where every topic and region of the data has its row from step 1: here the
  // observations stand for the data (their topics and regions in first-seen order)
  router.registerContexts(steps.flatMap((s) => s.rewards.map((r) => ({ topic: r.topic, regions: typeof r.region === 'string' ? [r.region] : r.region && r.region.filter((g): g is string => g !== null) }))));
  for (const s of steps) {
    router.beginStep();
    for (const r of s.rewards) if (!router.observe(r.topic, r.region, r.lang, r.reward)) skipped++;
    const line = router.endStep();
    if (line) log.push(line);
  }
  return { router, log, skipped };
}
