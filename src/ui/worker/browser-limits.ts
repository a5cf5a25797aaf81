// What the browser cannot honour of a run config, said before a run is built instead of ignored:
// files are fetched from the studio's own origin only (the Content-Security-Policy, README
// "Security"), so a path on the user's disk or a URL on another server cannot be read — such a
// setting refuses the run with the field named and what to do instead. router.lang_policy_log_path
// is a file the CLI and verl write; the studio keeps the router log in memory and exports it, and
// says so (a note, not a refusal: the option also travels to verl in the exported overrides).

import type { Problem } from '../../data/example';
import type { RunConfig } from '../../lrpo/config';

export interface BrowserLimits {
  /** the run cannot be built in the browser */
  refusals: Problem[];
  /** settings the browser honours differently, told to the user */
  notes: string[];
}

const onDisk = (p: string) => /^(file:|~[\\/]|[A-Za-z]:[\\/]|\\\\)/.test(p);
const elsewhere = (p: string, origin: string) => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return false;
  try {
    return new URL(p).origin !== origin;
  } catch {
    return true;
  }
};

/** The config's files the run reads: field, path. */
function filesRead(c: RunConfig, usesPageExamples: boolean): [string, string][] {
  const out: [string, string][] = [];
  const list = (field: string, spec: string) => spec.split(',').map((s) => s.trim()).filter(Boolean).forEach((p) => out.push([field, p]));
  if (!usesPageExamples) list('data.train_files', c.data.train_files);
  if (c.trainer.test_freq > 0) list('data.val_files', c.data.val_files);
  if (c.model.checkpoint) out.push(['model.checkpoint', c.model.checkpoint]);
  if (c.reward.calibration !== 'none' && c.reward.calibration_table) out.push(['reward.calibration_table', c.reward.calibration_table]);
  if (c.reward.similarity === 'embedding') {
    if (c.reward.embedding_model_url) out.push(['reward.embedding_model_url', c.reward.embedding_model_url]);
    if (c.reward.embedding_tokenizer_url) out.push(['reward.embedding_tokenizer_url', c.reward.embedding_tokenizer_url]);
  }
  return out;
}

/**
 * `origin`: the studio's origin. `opened`: the inputs the user opened with a picker (those fields
 * are not read from the config). `usesPageExamples`: the Data view's dataset replaces data.train_files.
 */
export function browserLimits(c: RunConfig, origin: string, opened: { checkpoint: boolean; calibration: boolean; embedding: boolean }, usesPageExamples: boolean): BrowserLimits {
  const refusals: Problem[] = [];
  for (const [field, p] of filesRead(c, usesPageExamples)) {
    if (field === 'model.checkpoint' && opened.checkpoint) continue;
    if (field === 'reward.calibration_table' && opened.calibration) continue;
    if (field.startsWith('reward.embedding') && opened.embedding) continue;
    if (onDisk(p)) refusals.push({ field, reason: `${p} is a path on your disk, which the browser cannot read; open the file with the studio's picker (or serve it beside the studio)` });
    else if (elsewhere(p, origin)) refusals.push({ field, reason: `${p} is on another server; the studio reads files from its own origin only (the page's security policy); download it and open it with the picker` });
  }
  const notes: string[] = [];
  if (c.router.lang_policy_log_path) {
    notes.push(`router.lang_policy_log_path (${c.router.lang_policy_log_path}) is a file the CLI and verl write; the studio keeps the router log in memory: export it from the Router view`);
  }
  return { refusals, notes };
}
