// The engine's public API. createModel builds a Model on the CPU reference backend or on WebGPU
// (loaded lazily, so CPU-only callers never pull in the GPU code), from a config (GPT-2 init from
// the seed) or from a checkpoint. Everything else re-exported here is backend-agnostic.
import type { GpuContext } from './backend/gpu-context';
import type { Checkpoint } from './checkpoint/checkpoint';
import { checkpointFlatParams } from './checkpoint/checkpoint';
import { CpuModel } from './gpt/cpu-model';
import { initParams, validateConfig } from './gpt/params';
import type { BackendName, GPTConfig, Model } from './model-api';

export type * from './model-api';
export { CpuModel } from './gpt/cpu-model';
export { paramTable, numParams, initParams } from './gpt/params';
export { ByteTokenizer } from './tokenizer/byte-tokenizer';
export { buildSpecialTable, DEFAULT_OUT_LANGS, type SpecialTokenTable } from './tokenizer/special-tokens';
export {
  checkpointFromFlat, checkpointToBundle, checkpointToFiles, loadCheckpoint, checkpointFlatParams,
  type Checkpoint, type LoadCheckpointOptions,
} from './checkpoint/checkpoint';
export { findNonFinite, nonFiniteMessage, requireFiniteWeights, type NonFiniteTensor } from './checkpoint/finite-weights';
export { sampleToken, filteredDistribution, logSoftmaxAt } from './sample/sampling';
export { generateWithDecoder, pickOnCpu, type IncrementalDecoder, type SamplingDecoder, type PickRequest } from './sample/generate';
export { pickToken, samplerSettings, type PickedToken, type SamplerSettings } from './kernels/sample-tokens';

// The Llama family (Llama 3.x / SmolLM2, Qwen2 / Qwen2.5, Qwen3) from Hugging Face folders
export { parseLlamaConfig, hfArchitecture, toHfLlamaConfig, type LlamaConfig, type LlamaFamily } from './hf/config';
export { memoryFolder, filesFolder, type HfFolder } from './hf/folder';
export { loadLlamaFolder, llamaFloatWeights, type HfLlamaModel } from './hf/model-folder';
export { loadHfTokenizer, HfTokenizer } from './hf/tokenizer';
export { loadChatTemplate, ChatTemplate, type ChatMessage } from './hf/chat-template';
export { readPeftAdapter, peftAdapterFiles, newPeftConfig, type PeftAdapter } from './hf/peft';
export { llamaFolderFiles } from './hf/save-folder';
export type { HfTensor, HfDtype } from './hf/tensors';
export { createFamilyModel, type FamilyModelOptions } from './llama/create-family-model';
export { CpuLlamaModel, type LlamaAdapter } from './llama/cpu-model';
export { initLora, packLora, adapterLayout, type LoraSpec } from './llama/lora';
export { mergeLora, splitAdapter } from './llama/merge';
export { peftAdapterFromParams } from './llama/adapter-export';
export { resizeTokenEmbeddings } from './llama/resize';
export { planMemory, requireFits, type MemoryPlan, type MemoryPlanInput, type DeviceLimits } from './memory-plan';

export interface CreateModelOptions {
  backend: BackendName;
  /** a fresh model with GPT-2 init from `seed` (ignored when a checkpoint is given) */
  config?: GPTConfig;
  checkpoint?: Checkpoint;
  /** init seed (default 0) */
  seed?: number;
  /** WebGPU only: an existing device context to share (otherwise a new device is acquired) */
  gpu?: GpuContext;
}

export async function createModel(opts: CreateModelOptions): Promise<Model> {
  let config: GPTConfig;
  let params: Float32Array;
  if (opts.checkpoint) {
    config = opts.checkpoint.config;
    params = checkpointFlatParams(opts.checkpoint);
  } else if (opts.config) {
    validateConfig(opts.config);
    config = opts.config;
    params = initParams(config, opts.seed ?? 0);
  } else {
    throw new Error('createModel needs a config or a checkpoint');
  }
  if (opts.backend === 'cpu') return new CpuModel(config, params);
  if (opts.backend === 'webgpu') {
    const { createWebGpuModel } = await import('./gpt-gpu/index');
    // without a context the WebGPU model acquires its own device and owns it
    return createWebGpuModel(opts.gpu ?? null, config, params);
  }
  throw new Error(`unknown backend '${String(opts.backend)}' (expected 'cpu' or 'webgpu')`);
}
