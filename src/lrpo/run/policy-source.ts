// Where a run's policy comes from, and the building of it, the same for every driver: the driver
// says which bytes (a GPT-2 checkpoint's files or the checkpoint it already read, a fresh init of
// model.*, or a Hugging Face Llama-family folder with an optional PEFT adapter) and on which backend
// (the CPU, or a WebGPU device it acquired and keeps owning); the run builds the policy, its
// tokenizer and the frozen KL reference on the same backend and device. LoRA's reference is the base
// with the adapter off, a view over the policy's weights (no second copy).

import type { GpuContext } from '../../engine/backend/gpu-context';
import { loadCheckpoint, type Checkpoint } from '../../engine/checkpoint/checkpoint';
import type { HfFolder } from '../../engine/hf/folder';
import { createModel } from '../../engine/index';
import { createFamilyModel } from '../../engine/llama/create-family-model';
import type { GPTConfig, Model, ModelConfigBase, NamedTensor } from '../../engine/model-api';
import type { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import type { RunConfig } from '../config';
import { openFamilyPolicy, type FamilyPolicy } from '../family/family-policy';
import type { SftTokenizer } from '../sft';
import { gpt2PolicyShape } from './gpt2-policy';

type AnyModel = Model<ModelConfigBase>;

export type PolicySource =
  /** a fresh GPT-2 of the configured model.* sizes, initialised from the run seed */
  | { kind: 'init' }
  /** a GPT-2 checkpoint's files by name (config.json, model.safetensors, special_tokens.json), checked here */
  | { kind: 'checkpoint-files'; name: string; files: Map<string, Uint8Array> }
  /** a GPT-2 checkpoint the driver has read and checked already (a file the user opened) */
  | { kind: 'checkpoint'; name: string; checkpoint: Checkpoint }
  /** a Hugging Face Llama-family folder (model.path), with a PEFT adapter folder to start the LoRA from */
  | { kind: 'family'; folder: HfFolder; adapter?: HfFolder };

/** the CPU reference backend, or a WebGPU device the driver acquired (it stays the driver's: the run never destroys it) */
export type PolicyBackend = 'cpu' | GpuContext;

/** the policy's tokenizer: SFT and rollouts, and decoding any id sequence (the studio's generation) */
type PolicyTokenizer = SftTokenizer & { decode(ids: ArrayLike<number>, opts?: { skipSpecials?: boolean }): string };

export interface BuiltPolicy {
  model: AnyModel;
  tokenizer: PolicyTokenizer;
  /** where the weights came from, for messages (the checkpoint's name, "init(seed=N)", the folder) */
  source: string;
  /** the GPT-2 policy with its byte tokenizer (its checkpoint export); null for a Llama-family model */
  gpt2: { model: Model<GPTConfig>; tokenizer: ByteTokenizer } | null;
  /** the Llama-family policy (its config, weights, LoRA spec: the folder exports); null for GPT-2 */
  family: FamilyPolicy | null;
  /** a frozen copy of `params` on the policy's backend and device: the KL reference */
  makeReference(params: Map<string, NamedTensor>): Promise<AnyModel>;
  /** LoRA: the base without its adapter (the KL reference, no copy) and the adapter's tensors (what is saved) */
  lora?: { reference: AnyModel; trainable(): Promise<Map<string, NamedTensor>> };
}

const backendName = (b: PolicyBackend) => (b === 'cpu' ? 'cpu' : 'webgpu');
const gpuOf = (b: PolicyBackend) => (b === 'cpu' ? undefined : b);

async function withReferenceMessage(b: PolicyBackend, make: () => Promise<AnyModel>): Promise<AnyModel> {
  try {
    return await make();
  } catch (e) {
    throw new Error(`the reference policy (actor.use_kl_loss) could not be created on ${backendName(b)}: ${(e as Error).message}`);
  }
}

async function buildGpt2(c: RunConfig, ckpt: Checkpoint | null, name: string, backend: PolicyBackend): Promise<BuiltPolicy> {
  const { tokenizer, gpt, source } = gpt2PolicyShape(c, ckpt, name);
  const on = { backend: backendName(backend), gpu: gpuOf(backend) } as const;
  const model = ckpt
    ? await createModel({ ...on, checkpoint: { config: gpt, params: ckpt.params, specialTokens: null } })
    : await createModel({ ...on, config: gpt, seed: c.seed });
  return {
    model, tokenizer, source, gpt2: { model, tokenizer }, family: null,
    makeReference: (params) => withReferenceMessage(backend, () => createModel({ ...on, checkpoint: { config: gpt, params, specialTokens: null } })),
  };
}

async function buildFamily(c: RunConfig, folder: HfFolder, adapter: HfFolder | undefined, backend: PolicyBackend): Promise<BuiltPolicy> {
  const f = await openFamilyPolicy(folder, c, { backend: backendName(backend), adapter, gpu: gpuOf(backend) });
  return {
    model: f.model, tokenizer: f.tokenizer, source: f.source, gpt2: null, family: f,
    makeReference: (params) => withReferenceMessage(backend, async () => {
      const ref = await createFamilyModel(backendName(backend), { config: f.hf.config, weights: f.hf.weights, gpu: gpuOf(backend) });
      await ref.importParams(params);
      return ref;
    }),
    ...(f.lora ? { lora: f.lora } : {}),
  };
}

/** The policy of run config `c` from `src` on `backend`; throws with the file and the reason. */
export async function buildPolicy(c: RunConfig, src: PolicySource, backend: PolicyBackend): Promise<BuiltPolicy> {
  switch (src.kind) {
    case 'init':
      return buildGpt2(c, null, '', backend);
    case 'checkpoint-files':
      // weights holding NaN or Infinity are refused here, naming the tensor, before any step uses them
      return buildGpt2(c, loadCheckpoint(src.files, src.name, { requireFinite: true }), src.name, backend);
    case 'checkpoint':
      return buildGpt2(c, src.checkpoint, src.name, backend);
    case 'family':
      return buildFamily(c, src.folder, src.adapter, backend);
  }
}
