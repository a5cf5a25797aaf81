// Exports: LoraPolicy (a Llama-family model with a LoRA adapter, CPU or WebGPU), isLoraPolicy,
// baseReference (the frozen base without the adapter, as a read-only Model over the same weights:
// LoRA's KL reference needs no second copy) and adapterTensors (the adapter alone, PEFT names).
import type { LlamaConfig } from '../hf/config';
import type { Model, NamedTensor } from '../model-api';
import type { LoraSpec } from './lora';
import { splitAdapter } from './merge';

export interface LoraPolicy extends Model<LlamaConfig> {
  readonly loraSpec: LoraSpec | null;
  setAdapterEnabled(on: boolean): void;
  /** the adapter alone, read without the base weights (WebGPU); otherwise taken from exportParams */
  exportAdapter?(): Promise<{ spec: LoraSpec; tensors: Map<string, NamedTensor> } | null>;
}

export function isLoraPolicy(m: Model<{ vocabSize: number; blockSize: number }>): m is LoraPolicy {
  const x = m as Partial<LoraPolicy>;
  return typeof x.setAdapterEnabled === 'function' && !!x.loraSpec;
}

/** The adapter's tensors under PEFT names (read back without the base weights). */
export async function adapterTensors(m: LoraPolicy): Promise<Map<string, NamedTensor>> {
  if (!m.loraSpec) throw new Error('the model has no LoRA adapter attached');
  if (m.exportAdapter) return (await m.exportAdapter())!.tensors;
  return splitAdapter(await m.exportParams()).adapter;
}

const frozen = (what: string) => async (): Promise<never> => {
  throw new Error(`the base reference is frozen: ${what} is not available (it is the policy's base with the adapter switched off)`);
};

/**
 * The policy's base model without its adapter. Each call switches the adapter off for the call
 * and on again after it, so the policy's next forward/backward is unaffected when calls do not
 * interleave (the trainer awaits each). Its own activations are the policy's: call it before the
 * policy's forward whose backward follows, as the GRPO update does.
 */
export function baseReference(policy: LoraPolicy): Model<LlamaConfig> {
  const off = async <T>(f: () => Promise<T>): Promise<T> => {
    policy.setAdapterEnabled(false);
    try {
      return await f();
    } finally {
      policy.setAdapterEnabled(true);
    }
  };
  return {
    config: policy.config,
    backend: policy.backend,
    forwardLogprobs: (batch) => off(() => policy.forwardLogprobs(batch)),
    forwardLogits: (tokens, B, T) => off(() => policy.forwardLogits(tokens, B, T)),
    generate: (prompts, opts) => off(() => policy.generate(prompts, opts)),
    backwardLogprobs: frozen('backwardLogprobs'),
    zeroGrad: () => undefined,
    step: frozen('step'),
    exportParams: frozen('exportParams'),
    importParams: frozen('importParams'),
    exportGrads: frozen('exportGrads'),
    exportOptimizerState: frozen('exportOptimizerState'),
    importOptimizerState: frozen('importOptimizerState'),
    destroy: () => undefined, // the weights belong to the policy
  };
}
