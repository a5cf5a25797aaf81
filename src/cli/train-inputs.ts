// Inputs of a headless run: the JSON run config (field-named problems), paths resolved against the
// config's folder (then the working directory, then ./public where the studio's demo files live),
// and datasets loaded through src/data with every unusable row reported.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, type Example, type Problem } from '../data/example';
import { loadDataset } from '../data/load-dataset';
import { readRunConfigFile } from '../lrpo/run-config-file';
import type { RunConfig } from '../lrpo/config';

export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function readRunConfig(file: string): RunConfig {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new InputError([{ file, reason: existsSync(file) ? `cannot read the file (${(e as Error).message})` : 'file not found' }]);
  }
  // bytes, not 'utf8' text: a file that is not UTF-8 is named with its line instead of read with U+FFFD
  const { config, problems } = readRunConfigFile(bytes, file);
  if (!config) throw new InputError(problems);
  return config;
}

/** Resolves a path from a run config: absolute, or relative to the config's folder, the cwd, or ./public. */
export function pathResolver(configDir: string): (p: string) => string {
  return (p) => {
    if (path.isAbsolute(p)) return p;
    for (const base of [configDir, process.cwd(), path.join(process.cwd(), 'public')]) {
      const full = path.resolve(base, p);
      if (existsSync(full)) return full;
    }
    return path.resolve(configDir, p);
  };
}

export interface LoadedExamples {
  examples: Example[];
  problems: Problem[];
}

/** Loads one dataset file (or several, comma-separated); fails only when nothing is usable. */
export async function loadExamples(spec: string, resolve: (p: string) => string, field: string): Promise<LoadedExamples> {
  const examples: Example[] = [];
  const problems: Problem[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const file = resolve(part);
    if (!existsSync(file)) {
      problems.push({ field, reason: `${file}: file not found` });
      continue;
    }
    const d = await loadDataset(new Uint8Array(readFileSync(file)), file);
    examples.push(...d.examples);
    problems.push(...d.problems);
  }
  if (!examples.length) throw new InputError(problems.length ? problems : [{ field, reason: 'no dataset file given' }]);
  return { examples, problems };
}

/** The config with its file paths made absolute (the resolved config a resume reads back from any cwd). */
export function absolutizePaths(c: RunConfig, resolve: (p: string) => string): RunConfig {
  const out = structuredClone(c);
  const abs = (p: string) => (p && !/^[a-z]+:\/\//i.test(p) ? resolve(p) : p);
  out.data.train_files = c.data.train_files.split(',').map((s) => abs(s.trim())).join(',');
  out.data.val_files = c.data.val_files.split(',').map((s) => abs(s.trim())).filter(Boolean).join(',');
  out.model.checkpoint = abs(c.model.checkpoint);
  // model.path: a folder (made absolute when it exists) or a hub id (kept)
  if (c.model.path && existsSync(resolve(c.model.path))) out.model.path = resolve(c.model.path);
  out.reward.calibration_table = abs(c.reward.calibration_table);
  out.reward.embedding_model_url = abs(c.reward.embedding_model_url);
  out.reward.embedding_tokenizer_url = abs(c.reward.embedding_tokenizer_url);
  return out;
}
