// Policy model and tokenizer for `lrpo-studio train`, the warm-start script and the benchmark: a
// checkpoint folder (Hugging Face GPT-2 config.json + model.safetensors + our special_tokens.json,
// read and written by the engine's checkpoint module) or a fresh GPT-2 init of the configured size,
// on the CPU or WebGPU backend (the engine's createModel).

import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkpointToFiles, createModel, loadCheckpoint, type Checkpoint } from '../engine/index';
import type { GPTConfig, Model, NamedTensor } from '../engine/model-api';
import { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import type { RunConfig } from '../lrpo/config';
import { gpt2PolicyShape } from '../lrpo/run/gpt2-policy';
import { writeFileAtomic } from './run-folder';

export interface LoadedPolicy {
  model: Model;
  tokenizer: ByteTokenizer;
  gpt: GPTConfig;
  /** where the weights came from ("init(seed=1)" or the checkpoint folder) */
  source: string;
}

function prepareWebGpuEnv(): void {
  process.env.VK_ICD_FILENAMES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
}

/** A model on `backend`: the given weights, or GPT-2 init from `seed`. */
export async function createPolicy(gpt: GPTConfig, backend: RunConfig['backend'], params?: Map<string, NamedTensor>, seed = 0): Promise<Model> {
  if (backend === 'webgpu') prepareWebGpuEnv();
  if (params) return createModel({ backend, checkpoint: { config: gpt, params, specialTokens: null } });
  return createModel({ backend, config: gpt, seed });
}

export function readCheckpointFolder(dir: string): Checkpoint {
  if (!existsSync(dir)) throw new Error(`${dir}: checkpoint folder not found`);
  const files = new Map<string, Uint8Array>();
  for (const f of readdirSync(dir)) files.set(f, new Uint8Array(readFileSync(path.join(dir, f))));
  // weights holding NaN or Infinity are refused here, naming the tensor, before any step uses them
  return loadCheckpoint(files, dir, { requireFinite: true });
}

/** The run's policy: its checkpoint (resolved by `resolve`) or a fresh init of model.* sizes (the shape: src/lrpo/run/gpt2-policy.ts). */
export async function loadPolicy(c: RunConfig, resolve: (p: string) => string): Promise<LoadedPolicy> {
  const dir = c.model.checkpoint ? resolve(c.model.checkpoint) : '';
  const ckpt = dir ? readCheckpointFolder(dir) : null;
  const { tokenizer, gpt, source } = gpt2PolicyShape(c, ckpt, dir);
  return { model: await createPolicy(gpt, c.backend, ckpt?.params, c.seed), tokenizer, gpt, source };
}

/** Writes a checkpoint folder transformers can load (config.json, model.safetensors) plus special_tokens.json. */
export async function writeCheckpoint(dir: string, model: Model, tokenizer: ByteTokenizer): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const params = await model.exportParams();
  const ckpt: Checkpoint = { config: model.config, params, specialTokens: tokenizer.table };
  for (const [name, bytes] of checkpointToFiles(ckpt)) writeFileAtomic(path.join(dir, name), bytes);
}

