// A RunConfig as verl command-line overrides (Hydra `key=value`, one per line) for the move to a
// cluster, and the way back: reading such overrides (or a pasted launch command) into a RunConfig.
// Router options use the reference LRPO trainer's `+data.*` names; GRPO/actor options use verl's
// key paths (actor_rollout_ref.actor.*, algorithm.*, data.*, trainer.*). Settings that exist only in
// the studio are written as `# studio: <field>=<json>` comment lines, so the file round-trips.
// Units as in the reference: `data.train_batch_size` counts responses there (each row is repeated
// rollout.n times), so the export writes questions x n and the import divides by n;
// `ppo_mini_batch_size` counts questions in verl too (verl multiplies it by rollout.n itself);
// `ppo_micro_batch_size_per_gpu` counts responses (rows), as actor.ppo_micro_batch_size does.
// Settings the reference would ignore or break on are listed as `# WARNING:` header lines.

import type { Problem } from '../data/example';
import { checkRunConfig, getField, setField, CONFIG_FIELDS } from './config-check';
import { defaultRunConfig, type RunConfig } from './config';
import { OPTION_RULES } from './config-rules';
import { verlExportWarnings } from './verl-export-warnings';
import { pinnedHubRevision } from '../data/hub/hub-id';

/** studio field -> verl override key (the option table's `verl` names, config-rules.ts) */
const VERL_KEYS: ReadonlyArray<readonly [string, string]> = OPTION_RULES.flatMap((o) => (o.verl ? [[o.path, o.verl] as const] : []));

/** Fixed settings every exported run carries (GRPO with the KL as a loss, not in the reward). */
const FIXED_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['algorithm.adv_estimator', 'grpo'],
  ['algorithm.use_kl_in_reward', 'false'],
];

const FIELD_BY_KEY = new Map(VERL_KEYS.map(([f, k]) => [k.replace(/^\+/, ''), f]));
const MAPPED_FIELDS = new Set(VERL_KEYS.map(([f]) => f));
/** studio 0 = "off/never" where verl uses -1 */
const MINUS_ONE_IS_ZERO = new Set(['actor.rollout_top_k', 'trainer.save_freq', 'trainer.test_freq']);

function hydraValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (s === '') return 'null';
  return /^[A-Za-z0-9_./:-]+$/.test(s) ? s : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** LoRA targets: "all-linear" or a list (a Hydra list [a,b] in the overrides) */
const TARGETS = 'model.target_modules';

/** studio questions per step -> verl's train_batch_size in responses */
const BATCH = 'data.train_batch_size';

/** responses per forward/backward pass; the studio's 0 (the whole mini-batch) has no verl spelling */
const MICRO = 'actor.ppo_micro_batch_size';

/**
 * The per-GPU micro-batch verl gets. verl requires one (it refuses a run with neither
 * ppo_micro_batch_size nor ppo_micro_batch_size_per_gpu), so the studio's 0 is written as the
 * mini-batch's responses, ppo_mini_batch_size x rollout.n: on one GPU that is exactly the studio's
 * single pass over the mini-batch. verl divides the mini-batch over the GPUs and requires the micro
 * batch to divide each GPU's share, so with G GPUs it must divide ppo_mini_batch_size x n / G (the
 * header says so). Read back, that value is 0 again.
 */
export function verlMicroBatch(c: RunConfig): number {
  return c.actor.ppo_micro_batch_size || c.actor.ppo_mini_batch_size * c.actor.rollout_n;
}

/** verl's micro batches of its other forward passes (old log-probs, the KL reference): the update's, as the studio runs them */
const LOG_PROB_MICRO_KEYS = ['actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu', 'actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu'];

/** the comment beside a pinned revision (verl would load the repository's main branch) */
export const PINNED_NOTE = (repo: string, revision: string) =>
  `the studio's model is ${repo} at revision ${revision}; verl loads the main branch of a hub id, so download that revision first (the launch folder's run_lrpo.sh does) and set actor_rollout_ref.model.path to the folder`;

export function toVerlOverrides(c: RunConfig): string {
  const lines = ['# verl overrides written by LRPO Studio (router options need the LRPO trainer: +data.*)'];
  lines.push(`# data.train_batch_size counts responses, as in the reference: ${c.data.train_batch_size} questions x rollout.n ${c.actor.rollout_n}; ppo_mini_batch_size counts questions (verl multiplies it by rollout.n)`);
  lines.push(`# ppo_micro_batch_size_per_gpu (and the log-prob micro batches) = ${verlMicroBatch(c)} responses per pass${c.actor.ppo_micro_batch_size ? '' : ' (the studio\'s 0: the whole mini-batch)'}; with G GPUs it must divide ppo_mini_batch_size x rollout.n / G = ${c.actor.ppo_mini_batch_size * c.actor.rollout_n} / G`);
  for (const w of verlExportWarnings(c)) lines.push(`# WARNING: ${w.field}: ${w.message}`);
  for (const [k, v] of FIXED_OVERRIDES) lines.push(`${k}=${v}`);
  // verl takes a hub repository id or a folder, not id@revision: the id here, the revision below
  const pinned = pinnedHubRevision(c.model.path);
  for (const [field, key] of VERL_KEYS) {
    let v = getField(c, field);
    if (field === 'model.path' && pinned) v = pinned.repo;
    if (MINUS_ONE_IS_ZERO.has(field) && v === 0) v = -1;
    if (field === BATCH) v = c.data.train_batch_size * c.actor.rollout_n;
    if (field === MICRO) v = verlMicroBatch(c);
    if (field === TARGETS && v !== 'all-linear') {
      lines.push(`${key}=[${String(v).split(',').map((s) => s.trim()).filter(Boolean).join(',')}]`); // a Hydra list, as PEFT takes it
      continue;
    }
    lines.push(`${key}=${hydraValue(v)}`);
  }
  for (const key of LOG_PROB_MICRO_KEYS) lines.push(`${key}=${verlMicroBatch(c)}`);
  lines.push('# settings that exist only in LRPO Studio (ignored by verl; read back by the studio):');
  for (const field of CONFIG_FIELDS) {
    if (MAPPED_FIELDS.has(field)) continue;
    lines.push(`# studio: ${field}=${JSON.stringify(getField(c, field))}`);
  }
  if (pinned) {
    lines.push(`# ${PINNED_NOTE(pinned.repo, pinned.revision)}`);
    lines.push(`# studio: model.path=${JSON.stringify(c.model.path)}`);
  }
  return lines.join('\n') + '\n';
}

/** Splits a line into shell-like words, honouring single and double quotes and backslash escapes. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && i + 1 < line.length) cur += line[++i];
      else if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

function parseValue(raw: string, like: unknown): { value?: unknown; error?: string } {
  if (typeof like === 'boolean') {
    const v = raw.toLowerCase();
    if (v === 'true') return { value: true };
    if (v === 'false') return { value: false };
    return { error: `must be true or false, got ${JSON.stringify(raw)}` };
  }
  if (typeof like === 'number') {
    const n = Number(raw);
    return raw.trim() !== '' && Number.isFinite(n) ? { value: n } : { error: `must be a number, got ${JSON.stringify(raw)}` };
  }
  return { value: raw === 'null' ? '' : raw };
}

export interface ParsedOverrides {
  config: RunConfig | null;
  problems: Problem[];
  /** overrides that are not studio settings (kept by verl, ignored here) */
  ignored: string[];
}

/** Reads overrides (this module's file, or a pasted `python -m verl.trainer.main_ppo ...` command) into a RunConfig. */
export function parseVerlOverrides(text: string, file?: string, base: RunConfig = defaultRunConfig()): ParsedOverrides {
  const config = structuredClone(base) as unknown as Record<string, unknown>;
  const problems: Problem[] = [];
  const ignored: string[] = [];
  let batchResponses: { value: number; row: number } | null = null;
  let micro: { value: number; row: number } | null = null;
  const logProbMicro: { word: string; value: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const row = i + 1;
    const studio = /^\s*#\s*studio:\s*([\w.]+)=(.*)$/.exec(line);
    if (studio) {
      const [, field, json] = studio;
      if (!CONFIG_FIELDS.includes(field)) return void problems.push({ file, row, field, reason: 'is not a studio setting' });
      try {
        setField(config, field, JSON.parse(json));
      } catch {
        problems.push({ file, row, field, reason: `value is not valid JSON: ${json}` });
      }
      return;
    }
    const code = line.replace(/(^|\s)#.*$/, '').replace(/\\\s*$/, '');
    for (const w of words(code)) {
      const eq = w.indexOf('=');
      if (eq <= 0) continue; // `python3`, `-m`, module names
      const key = w.slice(0, eq).replace(/^\+\+?/, '');
      const raw = w.slice(eq + 1);
      if (FIXED_OVERRIDES.some(([k, v]) => k === key && v.toLowerCase() === raw.toLowerCase())) continue;
      if (key === 'algorithm.adv_estimator') {
        problems.push({ file, row, field: key, reason: `LRPO Studio trains with GRPO only, got ${JSON.stringify(raw)}` });
        continue;
      }
      if (LOG_PROB_MICRO_KEYS.includes(key)) {
        logProbMicro.push({ word: w, value: raw });
        continue;
      }
      const field = FIELD_BY_KEY.get(key);
      if (!field) {
        ignored.push(w);
        continue;
      }
      if (field === TARGETS && /^\[.*\]$/.test(raw)) {
        setField(config, field, raw.slice(1, -1).split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean).join(','));
        continue;
      }
      const parsed = parseValue(raw, getField(base, field));
      if (parsed.error) problems.push({ file, row, field: key, reason: parsed.error });
      else if (field === BATCH) batchResponses = { value: parsed.value as number, row };
      else if (field === MICRO) micro = { value: parsed.value as number, row };
      else setField(config, field, MINUS_ONE_IS_ZERO.has(field) && parsed.value === -1 ? 0 : parsed.value);
    }
  });
  if (batchResponses) {
    // responses -> questions, once rollout.n is known (it may come later in the command)
    const { value, row } = batchResponses as { value: number; row: number };
    const n = getField(config, 'actor.rollout_n') as number;
    if (Number.isInteger(n) && n > 0 && Number.isInteger(value) && value % n === 0) setField(config, BATCH, value / n);
    else problems.push({ file, row, field: BATCH, reason: `counts responses (questions x rollout.n): ${value} is not a multiple of rollout.n ${n}` });
  }
  if (micro) {
    // the mini-batch's responses are the studio's 0 (one pass over the whole mini-batch)
    const { value } = micro as { value: number; row: number };
    const rows = (getField(config, 'actor.ppo_mini_batch_size') as number) * (getField(config, 'actor.rollout_n') as number);
    setField(config, MICRO, value === rows ? 0 : value);
  }
  // the log-prob passes' micro batches are the update's in the studio: one that differs is not used
  const expected = verlMicroBatch(config as unknown as RunConfig);
  for (const m of logProbMicro) if (Number(m.value) !== expected) ignored.push(m.word);
  problems.push(...checkRunConfig(config as unknown as RunConfig, file));
  return { config: problems.length ? null : (config as unknown as RunConfig), problems, ignored };
}
