// Builds a training session in the worker: the policy (the warm-start checkpoint, an opened checkpoint
// file, or a fresh init of the configured size) on WebGPU when the engine and the adapter allow it,
// else on the CPU reference backend (the page is told why); the frozen reference policy; the byte
// tokenizer; the router; the reward scorer; and the training examples.

import type { RunConfig } from '../../lrpo/config';
import type { Example } from '../../data/example';
import type { GPTConfig, Model, NamedTensor } from '../../engine/model-api';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { createModel } from '../../engine/index';
import { loadCheckpoint, checkpointToBundle, type Checkpoint } from '../../engine/checkpoint/checkpoint';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import { createRouter } from '../../lrpo/router/create-router';
import { Trainer } from '../../lrpo/trainer';
import { createRolloutScorer } from '../../lrpo/trainer-scorer';
import { loadDataset } from '../../data/load-dataset';
import { formatProblem } from '../../data/example';
import type { DeviceInfo } from './protocol';
import type { RunSession } from './runner';

/** What the WebGPU model exposes beyond Model (src/engine/gpt-gpu/webgpu-model.ts). */
interface GpuModelExtras {
  adapter?: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter: boolean };
  lost?: Promise<{ reason: string; message: string }>;
  ctx?: { device: GPUDevice };
}

export interface FactoryInputs {
  /** examples sent by the page (the Data view's dataset); empty = load data.train_files */
  examples: readonly Example[];
  /** a checkpoint file the user opened (single-file bundle or model.safetensors), used instead of model.checkpoint */
  checkpointFile: { name: string; bytes: Uint8Array } | null;
  /** base URL of the studio's public files (import.meta.env.BASE_URL resolved against the page) */
  baseUrl: string;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function loadWarmStart(cfg: RunConfig, inputs: FactoryInputs): Promise<Checkpoint | null> {
  if (inputs.checkpointFile) return loadCheckpoint(inputs.checkpointFile.bytes, inputs.checkpointFile.name);
  if (!cfg.model.checkpoint) return null;
  const dir = new URL(cfg.model.checkpoint.replace(/\/?$/, '/'), inputs.baseUrl).href;
  const files = new Map<string, Uint8Array>();
  for (const name of ['config.json', 'model.safetensors']) files.set(name, await fetchBytes(dir + name));
  try {
    files.set('special_tokens.json', await fetchBytes(dir + 'special_tokens.json'));
  } catch {
    // a foreign GPT-2 checkpoint has no table; the byte tokenizer's default layout is used
  }
  return loadCheckpoint(files, cfg.model.checkpoint);
}

async function loadExamples(cfg: RunConfig, inputs: FactoryInputs): Promise<readonly Example[]> {
  if (inputs.examples.length) return inputs.examples;
  const url = new URL(cfg.data.train_files, inputs.baseUrl).href;
  const d = await loadDataset(await fetchBytes(url), cfg.data.train_files);
  if (!d.examples.length) throw new Error(`${cfg.data.train_files}: no usable rows${d.problems.length ? ` (${formatProblem(d.problems[0])})` : ''}`);
  return d.examples;
}

async function createPolicy(cfg: RunConfig, gpt: GPTConfig, params: Map<string, NamedTensor> | undefined): Promise<{ model: Model; device: DeviceInfo; lost: Promise<string>; destroy: () => void }> {
  const never = new Promise<string>(() => {});
  const cpu = async (why?: string) => {
    const model = new CpuModel(gpt, undefined, cfg.seed);
    if (params) await model.importParams(params);
    return { model, device: { backend: 'cpu' as const, adapterName: 'CPU (TypeScript reference)', isFallbackAdapter: false, webgpuUnavailable: why }, lost: never, destroy: () => {} };
  };
  if (cfg.backend === 'cpu') return cpu();
  const hasGpu = typeof navigator !== 'undefined' && 'gpu' in navigator && !!(navigator as { gpu?: GPU }).gpu;
  if (!hasGpu) return cpu('this browser has no WebGPU (navigator.gpu is missing)');
  try {
    const m = await createModel({ backend: 'webgpu', config: gpt, seed: cfg.seed });
    if (params) await m.importParams(params);
    const x = m as Model & GpuModelExtras;
    const a = x.adapter;
    return {
      model: m,
      device: {
        backend: 'webgpu',
        adapterName: a ? [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' · ') || 'WebGPU adapter' : 'WebGPU adapter',
        isFallbackAdapter: !!a?.isFallbackAdapter,
      },
      lost: x.lost ? x.lost.then((l) => l.message || l.reason || 'device lost') : never,
      destroy: () => x.ctx?.device.destroy(),
    };
  } catch (e) {
    return cpu(`WebGPU could not start: ${(e as Error).message}`);
  }
}

export async function createSession(cfg: RunConfig, inputs: FactoryInputs): Promise<RunSession> {
  const ckpt = await loadWarmStart(cfg, inputs);
  const tokenizer = ckpt?.specialTokens ? new ByteTokenizer(ckpt.specialTokens) : ByteTokenizer.forLanguages(cfg.router.languages);
  const gpt: GPTConfig = ckpt?.config ?? {
    nLayer: cfg.model.n_layer, nHead: cfg.model.n_head, nEmbd: cfg.model.n_embd, blockSize: cfg.model.block_size, vocabSize: tokenizer.vocabSize,
  };
  if (gpt.vocabSize !== tokenizer.vocabSize)
    throw new Error(`checkpoint ${cfg.model.checkpoint}: vocab_size ${gpt.vocabSize} does not match its tokenizer (${tokenizer.vocabSize} tokens)`);
  const policy = await createPolicy(cfg, gpt, ckpt?.params);
  const startParams = await policy.model.exportParams();
  const reference = cfg.actor.use_kl_loss ? new CpuModel(gpt, undefined, 0) : null;
  if (reference) await reference.importParams(startParams);
  const io = {
    readText: async (p: string) => new TextDecoder().decode(await fetchBytes(new URL(p, inputs.baseUrl).href)),
    readBytes: (p: string) => fetchBytes(new URL(p, inputs.baseUrl).href),
  };
  const { score } = await createRolloutScorer(cfg.reward, io);
  const router = createRouter(cfg.router, cfg.seed);
  const train = await loadExamples(cfg, inputs);
  const trainer = new Trainer({ config: cfg, model: policy.model, reference, tokenizer, router, score, train });
  return {
    trainer,
    examples: train,
    model: policy.model,
    reference,
    device: policy.device,
    lost: policy.lost,
    loseDevice: policy.destroy,
    async exportCheckpoint() {
      const bytes = checkpointToBundle({ config: policy.model.config, params: await policy.model.exportParams(), specialTokens: tokenizer.table });
      return { filename: 'checkpoint.safetensors', bytes };
    },
    dispose() {
      policy.model.destroy();
      reference?.destroy();
    },
  };
}
