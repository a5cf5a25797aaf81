// What the model picker shows before a run: a Llama-family folder opened and checked in full
// (config, weights, tokenizer against the vocabulary, chat template), summarized in one line, with
// the run's memory plan against the device's limits. Every problem names the file.

import { loadChatTemplate } from '../../engine/hf/chat-template';
import type { HfFolder } from '../../engine/hf/folder';
import { loadLlamaFolder, type HfLlamaModel } from '../../engine/hf/model-folder';
import { loadHfTokenizer } from '../../engine/hf/tokenizer';
import { weightsDtype } from '../../engine/hf/weights';
import type { DeviceLimits } from '../../engine/memory-plan';
import type { RunConfig } from '../config';
import { planRunMemory, type RunMemoryPlan } from './run-memory-plan';

export interface ModelInspection {
  label: string;
  summary: string;
  hf: HfLlamaModel;
  hasChatTemplate: boolean;
}

export async function inspectModel(folder: HfFolder): Promise<ModelInspection> {
  const hf = await loadLlamaFolder(folder);
  const tok = await loadHfTokenizer(folder, hf.config.vocabSize);
  if (!tok) throw new Error(`${folder.label}/tokenizer.json: missing; the model's tokenizer is needed to prompt it`);
  const tpl = await loadChatTemplate(folder);
  const c = hf.config;
  let params = 0;
  for (const t of hf.weights.values()) params += t.shape.reduce((a, b) => a * b, 1);
  const summary = `${c.architecture}: ${c.nLayer} layers, hidden ${c.hiddenSize}, ${c.nHead}/${c.nKvHead} heads, vocab ${c.vocabSize}, context ${c.blockSize}, ` +
    `${(params / 1e6).toFixed(params < 1e7 ? 2 : 0)}M parameters in ${weightsDtype(hf.weights)}, eos ${hf.generation.eosIds.join('/')}, ${tpl ? 'chat template' : 'no chat template'}`;
  return { label: folder.label, summary, hf, hasChatTemplate: !!tpl };
}

/** The run's plan on the opened model (weights kept 16-bit on WebGPU, widened to f32 on the CPU). */
export function inspectPlan(m: ModelInspection, c: RunConfig, limits: DeviceLimits): RunMemoryPlan {
  return planRunMemory(c, m.hf.config, c.backend === 'webgpu' ? weightsDtype(m.hf.weights) : 'F32', limits);
}
