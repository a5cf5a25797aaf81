// Exports: peftAdapterFromParams, a model's LoRA adapter (from any backend's exportParams: PEFT-named
// tensors) as a PeftAdapter ready for hf/peft.ts's peftAdapterFiles; an adapter that was loaded keeps
// its adapter_config.json, a new one gets PEFT's plain-LoRA config.
import { newPeftConfig, type PeftAdapter } from '../hf/peft';
import type { LlamaConfig } from '../hf/config';
import type { NamedTensor } from '../model-api';
import { adapterLayout, type LoraSpec } from './lora';
import { splitAdapter } from './merge';

export function peftAdapterFromParams(
  c: LlamaConfig, spec: LoraSpec, params: Map<string, NamedTensor>, baseName: string, loaded?: PeftAdapter,
): PeftAdapter {
  const { adapter } = splitAdapter(params);
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const e of adapterLayout(c, spec).entries) {
    const t = adapter.get(e.name);
    if (!t) throw new Error(`the model has no adapter tensor '${e.name}' (is a LoRA adapter with r=${spec.r} on ${spec.targets.join(', ')} attached?)`);
    tensors.set(e.name, { shape: [...e.shape], data: t.data });
  }
  return { spec, tensors, configJson: loaded?.configJson ?? newPeftConfig(spec, baseName) };
}
