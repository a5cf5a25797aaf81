// A saved run folder (what `lrpo-studio train --out DIR` writes) read back for the walk-through:
// config.json, rollouts.jsonl, metrics.jsonl and router.jsonl, as steps. Every bad line is a
// problem with its file, line and field; good lines are kept. Without config.json or rollouts.jsonl
// there is nothing to walk through, and the result says so (the caller keeps what it had).

import type { Problem } from '../../data/example';
import { parseRouterLog } from '../../data/router-log';
import { readJsonlLines } from '../../data/jsonl-lines';
import type { RunConfig } from '../config';
import { readRunConfigFile } from '../run-config-file';
import type { RolloutRecord } from '../trainer';
import type { RouterLogLine } from '../router/types';
import { walkOptions, type WalkOptions, type WalkStep } from './step-walk';

export interface SavedRun {
  config: RunConfig;
  options: WalkOptions;
  steps: WalkStep[];
}

export interface SavedRunRead {
  run: SavedRun | null;
  problems: Problem[];
}

const ROLLOUT_FIELDS: [keyof RolloutRecord, string][] = [['step', 'number'], ['group', 'number'], ['question', 'string'], ['targetLang', 'string'], ['response', 'string'], ['reward', 'number'], ['advantage', 'number'], ['similarity', 'number'], ['calibrated', 'number']];

function jsonLines(text: string, file: string, problems: Problem[], check: (o: Record<string, unknown>) => string | null): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const read = readJsonlLines(text);
  for (const i of read.issues) problems.push({ file, line: i.line, reason: i.reason });
  for (const { line, value: o } of read.entries) {
    if (!o || typeof o !== 'object' || Array.isArray(o)) {
      problems.push({ file, line, reason: 'is not a JSON object' });
      continue;
    }
    const bad = check(o as Record<string, unknown>);
    if (bad) problems.push({ file, line, field: bad, reason: `${bad} is missing or has the wrong type` });
    else out.push(o as Record<string, unknown>);
  }
  return out;
}

/** files by name (folder paths are ignored: the last path part is the name) */
export function readSavedRun(files: readonly { name: string; text: string }[]): SavedRunRead {
  const problems: Problem[] = [];
  const byName = new Map(files.map((f) => [f.name.split('/').pop()!, f.text]));
  const cfgText = byName.get('config.json');
  const rolloutText = byName.get('rollouts.jsonl');
  if (cfgText === undefined) problems.push({ file: 'config.json', reason: 'is missing: open the whole run folder (config.json, rollouts.jsonl, metrics.jsonl, router.jsonl)' });
  if (rolloutText === undefined) problems.push({ file: 'rollouts.jsonl', reason: 'is missing: open the whole run folder' });
  if (cfgText === undefined || rolloutText === undefined) return { run: null, problems };
  const cfg = readRunConfigFile(cfgText, 'config.json');
  problems.push(...cfg.problems);
  if (!cfg.config) return { run: null, problems };
  const rollouts = jsonLines(rolloutText, 'rollouts.jsonl', problems, (o) => ROLLOUT_FIELDS.find(([k, t]) => typeof o[k] !== t)?.[0] ?? (Array.isArray(o.regions) ? null : 'regions')) as unknown as RolloutRecord[];
  const metrics = new Map<number, Record<string, number>>();
  const mText = byName.get('metrics.jsonl');
  if (mText !== undefined) {
    for (const o of jsonLines(mText, 'metrics.jsonl', problems, (o) => (typeof o.step !== 'number' ? 'step' : !o.metrics || typeof o.metrics !== 'object' ? 'metrics' : null))) {
      metrics.set(o.step as number, o.metrics as Record<string, number>);
    }
  }
  const router = new Map<number, RouterLogLine>();
  const rText = byName.get('router.jsonl');
  if (rText !== undefined) {
    const parsed = parseRouterLog(rText, 'router.jsonl');
    problems.push(...parsed.problems);
    for (const l of parsed.lines) router.set(l.step, l);
  }
  if (!rollouts.length) {
    problems.push({ file: 'rollouts.jsonl', reason: 'has no usable rollout' });
    return { run: null, problems };
  }
  const byStep = new Map<number, RolloutRecord[]>();
  for (const r of rollouts) byStep.set(r.step, [...(byStep.get(r.step) ?? []), r]);
  const steps: WalkStep[] = [...byStep.keys()].sort((a, b) => a - b).map((s) => ({
    step: s, languages: cfg.config!.router.languages, rollouts: byStep.get(s)!, metrics: metrics.get(s) ?? {},
    routerLine: router.get(s) ?? null, nextRouterLine: router.get(s + 1) ?? null,
  }));
  return { run: { config: cfg.config, options: walkOptions(cfg.config), steps }, problems };
}
