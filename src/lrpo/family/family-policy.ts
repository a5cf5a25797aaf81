// The run's policy from a Hugging Face Llama-family folder (Llama 3.x / SmolLM2, Qwen2 / Qwen2.5,
// Qwen3; on disk, dropped in the studio or cached from the hub: any HfFolder): the model on its
// backend with a LoRA adapter of the run's rank, alpha and target_modules (PEFT init from the run
// seed, or a PEFT adapter folder to resume from), its tokenizer, chat template and eos ids, and
// LoRA's frozen KL reference (the base with the adapter switched off).

import { loadChatTemplate } from '../../engine/hf/chat-template';
import type { HfFolder } from '../../engine/hf/folder';
import type { LlamaConfig } from '../../engine/hf/config';
import { loadLlamaFolder, type HfLlamaModel } from '../../engine/hf/model-folder';
import { readPeftAdapter } from '../../engine/hf/peft';
import { loadHfTokenizer } from '../../engine/hf/tokenizer';
import { adapterTensors, baseReference, isLoraPolicy } from '../../engine/llama/base-reference';
import { createFamilyModel } from '../../engine/llama/create-family-model';
import { initLora, packLora, type LoraSpec } from '../../engine/llama/lora';
import type { GpuContext } from '../../engine/backend/gpu-context';
import type { BackendName, Model, NamedTensor } from '../../engine/model-api';
import type { RunConfig } from '../config';
import { loraTargets } from '../lora-targets';
import { ChatTokenizer } from './chat-tokenizer';

export interface FamilyPolicy {
  model: Model<LlamaConfig>;
  tokenizer: ChatTokenizer;
  hf: HfLlamaModel;
  /** null: full fine-tuning (lora_rank 0) */
  spec: LoraSpec | null;
  /** LoRA: the base without the adapter (the run's KL reference, src/lrpo/run/policy-source.ts) and the adapter's tensors */
  lora?: { reference: Model<LlamaConfig>; trainable(): Promise<Map<string, NamedTensor>> };
  source: string;
}

/** The LoRA spec of the run config (null when lora_rank is 0). */
export function loraSpecOf(c: RunConfig): LoraSpec | null {
  if (c.model.lora_rank === 0) return null;
  return { r: c.model.lora_rank, alpha: c.model.lora_alpha, targets: loraTargets(c.model.target_modules) };
}

export interface OpenFamilyOptions {
  backend: BackendName;
  /** a PEFT adapter to start from (a resumed or exported run); must match the config's LoRA options */
  adapter?: HfFolder;
  gpu?: GpuContext;
}

/** Opens the folder as the run's policy; every problem names the file. */
export async function openFamilyPolicy(folder: HfFolder, c: RunConfig, o: OpenFamilyOptions): Promise<FamilyPolicy> {
  const hf = await loadLlamaFolder(folder);
  const tok = await loadHfTokenizer(folder, hf.config.vocabSize);
  if (!tok) throw new Error(`${folder.label}/tokenizer.json: missing; the model's tokenizer is needed to prompt it`);
  const template = await loadChatTemplate(folder);
  const tokenizer = new ChatTokenizer(tok, template, hf.generation, folder.label);
  const spec = loraSpecOf(c);
  let adapter: { spec: LoraSpec; params: Float32Array } | undefined;
  if (spec && o.adapter) {
    const peft = await readPeftAdapter(o.adapter, hf.config);
    const same = peft.spec.r === spec.r && peft.spec.alpha === spec.alpha && [...peft.spec.targets].sort().join() === [...spec.targets].sort().join();
    if (!same) {
      throw new Error(`${o.adapter.label}/adapter_config.json: r ${peft.spec.r}, alpha ${peft.spec.alpha} on ${peft.spec.targets.join(',')} does not match the run's model.lora_rank ${spec.r}, lora_alpha ${spec.alpha}, target_modules ${c.model.target_modules}`);
    }
    adapter = { spec: peft.spec, params: packLora(hf.config, peft.spec, peft.tensors, o.adapter.label) };
  } else if (spec) {
    adapter = { spec, params: initLora(hf.config, spec, c.seed) };
  } else if (o.adapter) {
    throw new Error(`${o.adapter.label}: an adapter was given but model.lora_rank is 0`);
  }
  const model = await createFamilyModel(o.backend, { config: hf.config, weights: hf.weights, adapter, gpu: o.gpu });
  const out: FamilyPolicy = { model, tokenizer, hf, spec: adapter?.spec ?? null, source: folder.label };
  if (isLoraPolicy(model)) out.lora = { reference: baseReference(model), trainable: () => adapterTensors(model) };
  return out;
}
