// A training session on a Hugging Face Llama-family model (model.path): the model's files come from
// the browser's model cache (OPFS; the Train view's model picker puts hub downloads and opened
// folders there), the policy is built on WebGPU (or the CPU when the page has no WebGPU) with the
// run's LoRA, its frozen KL reference is the base with the adapter off, prompts use its tokenizer
// and chat template (tag mode: with the <|out_lang_xx|> tags added, family-policy.ts). The reward, data and run are as for the GPT-2 demo model.

import type { Example } from '../../data/example';
import { modelStoreKey } from '../../data/hub/hub-id';
import { opfsAvailable, OpfsModelStore } from '../../data/hub/opfs-store';
import { storeFolder } from '../../data/hub/open-hub-model';
import { peftAdapterFiles } from '../../engine/hf/peft';
import { peftAdapterFromParams } from '../../engine/llama/adapter-export';
import { createFamilyModel } from '../../engine/llama/create-family-model';
import type { RunConfig } from '../../lrpo/config';
import { adapterFiles, mergedModelFiles, verlLaunchFiles } from '../../lrpo/family/exports';
import { openFamilyPolicy } from '../../lrpo/family/family-policy';
import { Run, RunRefused } from '../../lrpo/run/run';
import { FOLDER_NAMES } from './run-exports';
import type { RunSession } from './run-session';
import { SwappableScorer } from './session-scorer';
import type { FactoryInputs } from './session-factory';

export interface FamilySessionHelpers {
  loadExamples(cfg: RunConfig, inputs: FactoryInputs): Promise<{ train: readonly Example[]; val: readonly Example[] }>;
  io: { readText(p: string): Promise<string>; readBytes(p: string): Promise<Uint8Array> };
}

export async function createFamilySession(cfg: RunConfig, inputs: FactoryInputs, h: FamilySessionHelpers): Promise<RunSession> {
  if (!opfsAvailable()) throw new Error('model.path: this browser has no origin-private file system, where opened models are kept');
  const folder = storeFolder(new OpfsModelStore(), modelStoreKey(cfg.model.path), cfg.model.path);
  if (!(await folder.read('config.json'))) throw new Error(`model.path: ${cfg.model.path} is not in this browser's model cache; open it in the Train view's model picker first`);
  const hasGpu = typeof navigator !== 'undefined' && 'gpu' in navigator;
  const backend = cfg.backend === 'webgpu' && hasGpu ? 'webgpu' : 'cpu';
  const fam = await openFamilyPolicy(folder, cfg, { backend });
  const model = fam.model;
  let scorer: SwappableScorer;
  try {
    scorer = await SwappableScorer.create(cfg.reward, inputs.calibration, h.io, inputs.embedding ?? null);
  } catch (e) {
    model.destroy();
    throw e;
  }
  let run: Run<typeof model>;
  let data: { train: readonly Example[]; val: readonly Example[] };
  try {
    data = await h.loadExamples(cfg, inputs);
    run = await Run.create({
      config: cfg, policy: model, tokenizer: fam.tokenizer, source: cfg.model.path, train: data.train, val: data.val,
      score: scorer.score, similarity: scorer.similarity.backend,
      makeReference: async (params) => {
        const ref = await createFamilyModel(backend, { config: fam.hf.config, weights: fam.hf.weights });
        await ref.importParams(params);
        return ref;
      },
      ...(fam.lora ? { lora: fam.lora } : {}),
    });
  } catch (e) {
    void scorer.dispose();
    model.destroy();
    if (e instanceof RunRefused) throw new Error(`the run cannot start: ${e.message.replace(/\n/g, '; ')}`);
    throw e;
  }
  const lost = model.lost ? model.lost.then((i) => `${i.reason}: ${i.message}`) : new Promise<string>(() => {});
  return {
    run,
    examples: run.train,
    tokenizer: fam.tokenizer,
    model,
    device: { backend, adapterName: backend === 'webgpu' ? `WebGPU (${fam.hf.config.architecture})` : 'CPU reference', isFallbackAdapter: false },
    lost,
    loseDevice: () => undefined, // the Llama-family model owns its device
    get calibration() {
      return scorer.report;
    },
    setCalibration: (upload) => scorer.swap(upload),
    get similarity() {
      return scorer.similarity;
    },
    setEmbedding: (opened) => scorer.setEmbedding(opened),
    scoringIdle: () => scorer.idle(),
    async exportCheckpoint() {
      // the LoRA adapter's weights in PEFT's layout (adapter_config.json: see the verl launch export)
      if (!fam.spec || !fam.lora) throw new Error('this run trains the whole model (model.lora_rank 0): no adapter to export');
      const files = peftAdapterFiles(peftAdapterFromParams(fam.hf.config, fam.spec, await fam.lora.trainable(), cfg.model.path));
      return { filename: 'adapter_model.safetensors', bytes: files.get('adapter_model.safetensors')! };
    },
    async exportFolder(kind) {
      // the CLI's writers (src/cli/train-family.ts writes the same folders to disk)
      if (kind === 'peft_adapter') return adapterFiles(fam, cfg.model.path);
      if (kind === 'merged_model') return mergedModelFiles(fam, folder);
      const tags = fam.tags && { vocab: fam.tags.vocab, count: fam.tags.tokenIds.length, mergedFolder: `../${FOLDER_NAMES.merged_model}` };
      return verlLaunchFiles({ config: run.config, modelPath: cfg.model.path, train: data.train, val: data.val, ...(tags ? { tags } : {}) });
    },
    dispose() {
      run.dispose();
      model.destroy();
      void scorer.dispose();
    },
  };
}
