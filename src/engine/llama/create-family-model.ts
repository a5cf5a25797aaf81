// Exports: FamilyModelOptions and createFamilyModel, the one entry point that builds a Llama-family
// model (Llama 3.x / SmolLM2, Qwen2 / Qwen2.5, Qwen3) on either backend from a config and the
// weights as stored (F32, or BF16/F16 raw: the CPU widens them to float32, the WebGPU model keeps
// them 16-bit), optionally with a LoRA adapter (base frozen), after the memory planner's check when
// the caller gives its batch, lengths and limits. GPT-2 keeps its own createModel
// (engine/index.ts). The WebGPU model is loaded lazily so CPU-only callers never pull in GPU code.
import type { GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import { llamaFloatWeights } from '../hf/model-folder';
import type { HfTensor } from '../hf/tensors';
import { checkLlamaWeights, weightsDtype } from '../hf/weights';
import { requireFits, type MemoryPlanInput } from '../memory-plan';
import type { BackendName, Model } from '../model-api';
import { CpuLlamaModel, type LlamaAdapter } from './cpu-model';

export interface FamilyModelOptions {
  config: LlamaConfig;
  /** Hugging Face names, every parameter of the config (hf/weights.ts checks them) */
  weights: Map<string, HfTensor>;
  /** LoRA adapter (flat in loraLayout order); without one, every parameter is trainable */
  adapter?: LlamaAdapter;
  /** WebGPU only: a device context to share (otherwise the model acquires its own) */
  gpu?: GpuContext;
  /**
   * the largest batch, lengths and KV cache the caller will use, and the device's limits: checked by
   * the memory planner before anything is allocated (a refusal names the part and what to change)
   */
  plan?: Omit<MemoryPlanInput, 'config' | 'weightDtype' | 'training' | 'lora'>;
}

/** WebGPU models up to this many parameters (512 MiB with gradients and AdamW) train in full without an adapter. */
const WEBGPU_FULL_FINETUNE_MAX_PARAMS = 32_000_000;

export async function createFamilyModel(backend: BackendName, opts: FamilyModelOptions): Promise<Model<LlamaConfig>> {
  const weights = checkLlamaWeights(opts.config, opts.weights, 'createFamilyModel');
  if (opts.plan) {
    requireFits({
      ...opts.plan, config: opts.config, weightDtype: backend === 'cpu' ? 'F32' : weightsDtype(weights),
      training: opts.adapter ? 'lora' : 'full', lora: opts.adapter?.spec,
    });
  }
  if (backend === 'cpu') return CpuLlamaModel.fromTensors(opts.config, llamaFloatWeights(weights), 'createFamilyModel', opts.adapter);
  if (backend === 'webgpu') {
    const { WebGpuLlamaModel } = await import('../llama-gpu');
    const owns = !opts.gpu;
    const ctx = opts.gpu ?? (await (await import('../backend')).createGpuContext());
    try {
      // without an adapter a small model trains every parameter (float32 on the GPU, 16 bytes per
      // parameter with AdamW); a larger one keeps its 16-bit weights and trains only through LoRA
      let n = 0;
      for (const t of weights.values()) n += t.data.length;
      const fullFineTune = !opts.adapter && n <= WEBGPU_FULL_FINETUNE_MAX_PARAMS;
      return new WebGpuLlamaModel(ctx, opts.config, weights, { adapter: opts.adapter, ownsDevice: owns, fullFineTune });
    } catch (e) {
      if (owns) ctx.device.destroy();
      throw e;
    }
  }
  throw new Error(`unknown backend '${String(backend)}' (expected 'cpu' or 'webgpu')`);
}
