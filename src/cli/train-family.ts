// `lrpo-studio train` on a Hugging Face Llama-family model (model.path a local folder): where the
// policy comes from (the folder, and --adapter DIR to start the LoRA from a PEFT adapter; the run
// builds it with model.lora_rank / lora_alpha / target_modules), and what the run writes beside the
// GPT-2 checkpoint: adapter/ (PEFT), merged/ (the merged model, original dtype, tokenizer and
// template files) and verl/ (the launch folder).

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Example } from '../data/example';
import { fsFolder, writeFolderFiles } from '../engine/hf/folder-fs';
import type { RunConfig } from '../lrpo/config';
import { adapterFiles, mergedModelFiles, verlLaunchFiles } from '../lrpo/family/exports';
import type { FamilyPolicy } from '../lrpo/family/family-policy';
import type { PolicySource } from '../lrpo/run/policy-source';
import { InputError } from './train-inputs';

/** A hub id (owner/name[@revision]) rather than a folder on disk. */
function looksLikeHubId(p: string): boolean {
  return /^[\w.-]+\/[\w.-]+(@[\w./-]+)?$/.test(p) && !p.startsWith('.');
}

/** The folder model.path names (resolved like the config's other paths). */
function familyFolder(c: RunConfig, resolve: (p: string) => string): string {
  const dir = resolve(c.model.path);
  if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  const hint = looksLikeHubId(c.model.path)
    ? ` looks like a hub id; the CLI reads local folders (download it first, e.g. \`huggingface-cli download ${c.model.path.split('@')[0]} --local-dir DIR\`, or open it by id in the studio)`
    : '';
  throw new InputError([{ field: 'model.path', reason: `${c.model.path}: no such folder${hint}` }]);
}

/** The Llama-family folder model.path names (and a PEFT adapter folder to start from), as the run takes it. */
export function familySource(c: RunConfig, resolve: (p: string) => string, adapterDir?: string): PolicySource {
  return { kind: 'family', folder: fsFolder(familyFolder(c, resolve)), adapter: adapterDir ? fsFolder(path.resolve(adapterDir)) : undefined };
}

/** adapter/, merged/ and verl/ in the run folder; returns what was written. */
export async function writeFamilyExports(
  outDir: string, p: FamilyPolicy, c: RunConfig, train: readonly Example[], val: readonly Example[],
): Promise<string[]> {
  const written: string[] = [];
  const modelPath = c.model.path;
  if (p.spec) {
    writeFolderFiles(path.join(outDir, 'adapter'), await adapterFiles(p, modelPath));
    written.push('adapter/');
  }
  writeFolderFiles(path.join(outDir, 'merged'), await mergedModelFiles(p, fsFolder(p.source)));
  written.push('merged/');
  const tags = p.tags && { vocab: p.tags.vocab, count: p.tags.tokenIds.length, mergedFolder: '../merged' };
  writeFolderFiles(path.join(outDir, 'verl'), await verlLaunchFiles({ config: c, modelPath, train, val, ...(tags ? { tags } : {}) }));
  written.push('verl/');
  return written;
}
