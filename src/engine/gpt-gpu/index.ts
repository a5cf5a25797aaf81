// Entry of the WebGPU backend for src/engine/index.ts (which imports it lazily).
import { createGpuContext } from '../backend';
import { GpuContext } from '../backend/gpu-context';
import type { GPTConfig } from '../model-api';
import { WebGpuModel, type WebGpuModelOptions } from './webgpu-model';

export { WebGpuModel } from './webgpu-model';
export type { WebGpuModelOptions } from './webgpu-model';

/**
 * A WebGPU model on `device` (a GpuContext from createGpuContext), or on a new device when `device`
 * is null/undefined (the model then owns and destroys it). `params` is the flat parameter buffer in
 * the parameter-table layout (gpt/params.ts); without it, GPT-2 init from opts.seed.
 */
export async function createWebGpuModel(
  device: GpuContext | null | undefined, config: GPTConfig, params?: Float32Array, opts: WebGpuModelOptions = {},
): Promise<WebGpuModel> {
  if (device instanceof GpuContext) return new WebGpuModel(device, config, params, opts);
  const ctx = await createGpuContext();
  return new WebGpuModel(ctx, config, params, { ...opts, ownsDevice: opts.ownsDevice ?? true });
}
