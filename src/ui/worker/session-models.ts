// The models of a training session: the policy on WebGPU when the engine and the adapter allow it,
// else on the CPU reference backend (with the reason), and the maker of the frozen reference policy
// of the KL loss (actor.use_kl_loss; the run makes it when LRPO starts, after SFT) on the same backend
// as the policy. On WebGPU the reference shares the policy's device, so the reference forward of
// every step stays on the GPU and a device loss takes both at once; the session frees the run's
// reference first, then the policy and its device.

import type { RunConfig } from '../../lrpo/config';
import type { GPTConfig, Model, NamedTensor } from '../../engine/model-api';
import type { GpuContext } from '../../engine/backend/gpu-context';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { createModel } from '../../engine/index';
import type { DeviceInfo } from './protocol';

/** What the WebGPU model exposes beyond Model (src/engine/gpt-gpu/webgpu-model.ts). */
interface GpuModelExtras {
  adapter?: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter: boolean };
  lost?: Promise<{ reason: string; message: string }>;
  ctx?: GpuContext;
}

export interface SessionModels {
  model: Model;
  /** a frozen copy of these weights on the policy's backend and device (the run's KL reference; the run frees it) */
  makeReference(params: Map<string, NamedTensor>): Promise<Model>;
  device: DeviceInfo;
  /** resolves with a message when the GPU device is lost; never resolves on the CPU */
  lost: Promise<string>;
  /** destroys the device (the device-loss drill); no-op on the CPU */
  loseDevice(): void;
  /** frees the policy (and the device it owns); free the reference first */
  destroy(): void;
}

interface Policy {
  model: Model;
  device: DeviceInfo;
  lost: Promise<string>;
  loseDevice: () => void;
  /** the policy's device context on WebGPU (the reference shares it) */
  gpu: GpuContext | null;
}

const never = new Promise<string>(() => {});

async function createPolicy(cfg: RunConfig, gpt: GPTConfig, params: Map<string, NamedTensor> | undefined): Promise<Policy> {
  const cpu = async (why?: string): Promise<Policy> => {
    const model = new CpuModel(gpt, undefined, cfg.seed);
    if (params) await model.importParams(params);
    const device: DeviceInfo = { backend: 'cpu', adapterName: 'CPU (TypeScript reference)', isFallbackAdapter: false, webgpuUnavailable: why };
    return { model, device, lost: never, loseDevice: () => {}, gpu: null };
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
      loseDevice: () => x.ctx?.device.destroy(),
      gpu: x.ctx ?? null,
    };
  } catch (e) {
    return cpu(`WebGPU could not start: ${(e as Error).message}`);
  }
}

/** A frozen copy of `params` on the policy's backend (and device). */
async function createReference(policy: Policy, params: Map<string, NamedTensor>): Promise<Model> {
  const config = policy.model.config;
  try {
    if (policy.device.backend === 'webgpu') {
      if (!policy.gpu) throw new Error('the WebGPU policy exposes no device context for the reference policy');
      // shares the policy's device: the model does not own it, so destroying it leaves the policy alone
      return await createModel({ backend: 'webgpu', checkpoint: { config, params, specialTokens: null }, gpu: policy.gpu });
    }
    const reference = new CpuModel(config, undefined, 0);
    await reference.importParams(params);
    return reference;
  } catch (e) {
    throw new Error(`the reference policy (actor.use_kl_loss) could not be created on ${policy.device.backend}: ${(e as Error).message}`);
  }
}

export async function createSessionModels(cfg: RunConfig, gpt: GPTConfig, params: Map<string, NamedTensor> | undefined): Promise<SessionModels> {
  const policy = await createPolicy(cfg, gpt, params);
  return {
    model: policy.model,
    makeReference: (p) => createReference(policy, p),
    device: policy.device,
    lost: policy.lost,
    loseDevice: policy.loseDevice,
    destroy() {
      policy.model.destroy();
    },
  };
}
