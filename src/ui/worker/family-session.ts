// What is particular to a training session on a Hugging Face Llama-family model (model.path): its
// files come from the browser's model cache (OPFS; the Train view's model picker puts hub downloads
// and opened folders there), and its exports (the LoRA adapter in PEFT's layout, the merged model,
// the verl launch folder). The run builds the policy with the run's LoRA, its frozen KL reference is
// the base with the adapter off, prompts use its tokenizer and chat template; the backend, reward,
// data and run are made as for the GPT-2 demo model (session-factory.ts).

import type { Example } from '../../data/example';
import { modelStoreKey } from '../../data/hub/hub-id';
import { opfsAvailable, OpfsModelStore } from '../../data/hub/opfs-store';
import { storeFolder } from '../../data/hub/open-hub-model';
import type { HfFolder } from '../../engine/hf/folder';
import { peftAdapterFiles } from '../../engine/hf/peft';
import { peftAdapterFromParams } from '../../engine/llama/adapter-export';
import type { RunConfig } from '../../lrpo/config';
import { adapterFiles, mergedModelFiles, verlLaunchFiles } from '../../lrpo/family/exports';
import type { FamilyPolicy } from '../../lrpo/family/family-policy';
import { FOLDER_NAMES } from './run-exports';
import type { RunSession } from './run-session';

/** The model.path folder in the browser's model cache; throws when it is not there. */
export async function familyFolder(cfg: RunConfig): Promise<HfFolder> {
  if (!opfsAvailable()) throw new Error('model.path: this browser has no origin-private file system, where opened models are kept');
  const folder = storeFolder(new OpfsModelStore(), modelStoreKey(cfg.model.path), cfg.model.path);
  if (!(await folder.read('config.json'))) throw new Error(`model.path: ${cfg.model.path} is not in this browser's model cache; open it in the Train view's model picker first`);
  return folder;
}

/** The adapter name a Llama-family session shows for its backend. */
export function familyAdapterName(fam: FamilyPolicy, backend: 'cpu' | 'webgpu'): string {
  return backend === 'webgpu' ? `WebGPU (${fam.hf.config.architecture})` : 'CPU reference';
}

/** The exports of a run on a Llama-family model (the CLI's writers: src/cli/train-family.ts writes the same folders to disk). */
export function familyExports(
  fam: FamilyPolicy, folder: HfFolder, cfg: RunConfig, data: { train: readonly Example[]; val: readonly Example[] },
): Pick<RunSession, 'exportCheckpoint' | 'exportFolder'> {
  return {
    async exportCheckpoint() {
      // the LoRA adapter's weights in PEFT's layout (adapter_config.json: see the verl launch export)
      if (!fam.spec || !fam.lora) throw new Error('this run trains the whole model (model.lora_rank 0): no adapter to export');
      const files = peftAdapterFiles(peftAdapterFromParams(fam.hf.config, fam.spec, await fam.lora.trainable(), cfg.model.path));
      return { filename: 'adapter_model.safetensors', bytes: files.get('adapter_model.safetensors')! };
    },
    async exportFolder(kind) {
      if (kind === 'peft_adapter') return adapterFiles(fam, cfg.model.path);
      if (kind === 'merged_model') return mergedModelFiles(fam, folder);
      const tags = fam.tags && { vocab: fam.tags.vocab, count: fam.tags.tokenIds.length, mergedFolder: `../${FOLDER_NAMES.merged_model}` };
      return verlLaunchFiles({ config: cfg, modelPath: cfg.model.path, train: data.train, val: data.val, ...(tags ? { tags } : {}) });
    },
  };
}
