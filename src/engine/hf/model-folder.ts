// Exports: HfLlamaModel and loadLlamaFolder (a Hugging Face Llama / Qwen2 / Qwen3 model folder:
// config.json, weights (single file or shards, stored dtype kept), generation_config.json when
// present) and llamaFloatWeights (the weights widened to float32 for the CPU model).
import { parseLlamaConfig, type LlamaConfig } from './config';
import { readJson, type HfFolder } from './folder';
import { parseGenerationConfig, type GenerationConfig } from './generation-config';
import { tensorToF32, type HfTensor } from './tensors';
import { loadHfWeights } from './weights';

export interface HfLlamaModel {
  config: LlamaConfig;
  /** the config.json object as read (exports copy it) */
  configJson: Record<string, unknown>;
  weights: Map<string, HfTensor>;
  /** generation_config.json, or the ids from config.json when the folder has none */
  generation: GenerationConfig;
}

export async function loadLlamaFolder(folder: HfFolder): Promise<HfLlamaModel> {
  const json = await readJson(folder, 'config.json');
  if (json === null) throw new Error(`${folder.label}: no config.json; is this a Hugging Face model folder?`);
  const config = parseLlamaConfig(json, `${folder.label}/config.json`);
  const weights = await loadHfWeights(folder, config);
  const gen = await readJson(folder, 'generation_config.json');
  const generation = gen !== null
    ? parseGenerationConfig(gen, `${folder.label}/generation_config.json`)
    : { bosId: config.bosId, eosIds: config.eosIds, padId: config.padId, doSample: false, temperature: null, topK: null, topP: null };
  if (generation.eosIds.length === 0) generation.eosIds = config.eosIds;
  return { config, configJson: json as Record<string, unknown>, weights, generation };
}

export function llamaFloatWeights(weights: Map<string, HfTensor>): Map<string, { shape: number[]; data: Float32Array }> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [k, t] of weights) out.set(k, { shape: t.shape, data: tensorToF32(t) });
  return out;
}
