// The policy of `lrpo-studio train` and the benchmarks, as the run module takes it (src/lrpo/run/
// policy-source.ts): the bytes of a checkpoint folder (Hugging Face GPT-2 config.json +
// model.safetensors + our special_tokens.json), a fresh GPT-2 init of the configured size, or a
// Llama-family folder (train-family.ts); the backend (the CPU, or a WebGPU device through Node's
// Dawn); and the checkpoint folder a finished GPT-2 run writes.

import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createGpuContext } from '../engine/backend';
import { checkpointToFiles, loadCheckpoint, type Checkpoint } from '../engine/index';
import type { Model } from '../engine/model-api';
import type { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import type { RunConfig } from '../lrpo/config';
import type { PolicyBackend, PolicySource } from '../lrpo/run/policy-source';
import { writeFileAtomic } from './run-folder';
import { familySource } from './train-family';
import { InputError } from './train-inputs';

/** The run's backend: the CPU, or a WebGPU device (Dawn on the machine's Vulkan driver) the caller destroys when done. */
export async function cliBackend(backend: RunConfig['backend']): Promise<PolicyBackend> {
  if (backend === 'cpu') return 'cpu';
  process.env.VK_ICD_FILENAMES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  return createGpuContext();
}

/** Frees a backend cliBackend acquired. */
export function releaseBackend(b: PolicyBackend): void {
  if (b !== 'cpu') b.device.destroy();
}

function readCheckpointFiles(dir: string): Map<string, Uint8Array> {
  if (!existsSync(dir)) throw new Error(`${dir}: checkpoint folder not found`);
  const files = new Map<string, Uint8Array>();
  for (const f of readdirSync(dir)) files.set(f, new Uint8Array(readFileSync(path.join(dir, f))));
  return files;
}

export function readCheckpointFolder(dir: string): Checkpoint {
  // weights holding NaN or Infinity are refused here, naming the tensor, before any step uses them
  return loadCheckpoint(readCheckpointFiles(dir), dir, { requireFinite: true });
}

/** Where the run's policy comes from: model.path (a Llama-family folder), model.checkpoint (resolved by `resolve`), or a fresh init. */
export function cliPolicySource(c: RunConfig, resolve: (p: string) => string, adapterDir?: string): PolicySource {
  if (c.model.path) return familySource(c, resolve, adapterDir);
  if (adapterDir) throw new InputError([{ field: 'model.path', reason: '--adapter needs a Llama-family model (model.path); GPT-2 runs have no LoRA' }]);
  if (!c.model.checkpoint) return { kind: 'init' };
  const dir = resolve(c.model.checkpoint);
  return { kind: 'checkpoint-files', name: dir, files: readCheckpointFiles(dir) };
}

/** Writes a checkpoint folder transformers can load (config.json, model.safetensors) plus special_tokens.json. */
export async function writeCheckpoint(dir: string, model: Model, tokenizer: ByteTokenizer): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const params = await model.exportParams();
  const ckpt: Checkpoint = { config: model.config, params, specialTokens: tokenizer.table };
  for (const [name, bytes] of checkpointToFiles(ckpt)) writeFileAtomic(path.join(dir, name), bytes);
}
