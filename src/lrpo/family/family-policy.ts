// The run's policy from a Hugging Face Llama-family folder (Llama 3.x / SmolLM2, Qwen2 / Qwen2.5,
// Qwen3; on disk, dropped in the studio or cached from the hub: any HfFolder): the model on its
// backend with a LoRA adapter of the run's rank, alpha and target_modules (PEFT init from the run
// seed, or a PEFT adapter folder to resume from), its tokenizer, chat template and eos ids, and
// LoRA's frozen KL reference (the base with the adapter switched off). Instruction mode `tag`: the
// `<|out_lang_xx|>` tokens are added to the tokenizer, the embedding resized, and their rows train
// with the adapter (trainable_token_indices); the warm-start SFT teaches them.

import { loadChatTemplate } from '../../engine/hf/chat-template';
import type { HfFolder } from '../../engine/hf/folder';
import type { LlamaConfig } from '../../engine/hf/config';
import { loadLlamaFolder, type HfLlamaModel } from '../../engine/hf/model-folder';
import { readPeftAdapter } from '../../engine/hf/peft';
import { loadHfTokenizer, type HfTokenizer } from '../../engine/hf/tokenizer';
import { adapterTensors, baseReference, isLoraPolicy } from '../../engine/llama/base-reference';
import { createFamilyModel } from '../../engine/llama/create-family-model';
import { initLora, packLora, type LoraSpec } from '../../engine/llama/lora';
import type { GpuContext } from '../../engine/backend/gpu-context';
import type { BackendName, Model, NamedTensor } from '../../engine/model-api';
import type { RunConfig } from '../config';
import { loraTargets } from '../lora-targets';
import { ChatTokenizer } from './chat-tokenizer';
import { addLanguageTags, tagLanguages } from './language-tags';

export interface FamilyPolicy {
  model: Model<LlamaConfig>;
  tokenizer: ChatTokenizer;
  hf: HfLlamaModel;
  /** null: full fine-tuning (lora_rank 0) */
  spec: LoraSpec | null;
  /** LoRA: the base without the adapter (the run's KL reference, src/lrpo/run/policy-source.ts) and the adapter's tensors */
  lora?: { reference: Model<LlamaConfig>; trainable(): Promise<Map<string, NamedTensor>> };
  source: string;
  /**
   * tag mode: the tags' ids (trainable rows with LoRA), the vocabulary before and after the resize,
   * and the tokenizer files holding the tags (the merged model's)
   */
  tags?: { tokenIds: number[]; vocab: { before: number; after: number }; files: Map<string, Uint8Array> };
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
  let hf = await loadLlamaFolder(folder);
  let tok: HfTokenizer | null = await loadHfTokenizer(folder, hf.config.vocabSize);
  if (!tok) throw new Error(`${folder.label}/tokenizer.json: missing; the model's tokenizer is needed to prompt it`);
  let tags: FamilyPolicy['tags'];
  if (c.data.instruction_mode === 'tag') {
    const t = await addLanguageTags(folder, hf, tagLanguages(c.router.languages));
    hf = t.hf;
    tok = t.tokenizer;
    tags = { tokenIds: t.tokenIds, vocab: t.vocab, files: t.files };
  }
  const template = await loadChatTemplate(folder);
  const tokenizer = new ChatTokenizer(tok, template, hf.generation, folder.label);
  const base = loraSpecOf(c);
  const spec: LoraSpec | null = base && tags ? { ...base, tokenIds: tags.tokenIds } : base;
  let adapter: { spec: LoraSpec; params: Float32Array } | undefined;
  if (spec && o.adapter) {
    const peft = await readPeftAdapter(o.adapter, hf.config);
    const same = peft.spec.r === spec.r && peft.spec.alpha === spec.alpha && [...peft.spec.targets].sort().join() === [...spec.targets].sort().join();
    if (!same) {
      throw new Error(`${o.adapter.label}/adapter_config.json: r ${peft.spec.r}, alpha ${peft.spec.alpha} on ${peft.spec.targets.join(',')} does not match the run's model.lora_rank ${spec.r}, lora_alpha ${spec.alpha}, target_modules ${c.model.target_modules}`);
    }
    const rows = (s: LoraSpec) => (s.tokenIds ?? []).join(',');
    if (rows(peft.spec) !== rows(spec)) {
      throw new Error(`${o.adapter.label}/adapter_config.json: trainable_token_indices [${rows(peft.spec)}] do not match the run's ${tags ? `<|out_lang_xx|> tag ids [${rows(spec)}] (data.instruction_mode tag)` : 'data.instruction_mode (no trainable token rows outside tag mode)'}`);
    }
    adapter = { spec: peft.spec, params: packLora(hf.config, peft.spec, peft.tensors, o.adapter.label) };
  } else if (spec) {
    adapter = { spec, params: initLora(hf.config, spec, c.seed) };
  } else if (o.adapter) {
    throw new Error(`${o.adapter.label}: an adapter was given but model.lora_rank is 0`);
  }
  const model = await createFamilyModel(o.backend, { config: hf.config, weights: hf.weights, adapter, gpu: o.gpu });
  const out: FamilyPolicy = { model, tokenizer, hf, spec: adapter?.spec ?? null, source: folder.label, ...(tags ? { tags } : {}) };
  if (isLoraPolicy(model)) out.lora = { reference: baseReference(model), trainable: () => adapterTensors(model) };
  return out;
}
