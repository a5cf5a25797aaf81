// Our checkpoint writer against files written by Hugging Face transformers (../shared/fixtures/gpt2-tiny,
// GPT2LMHeadModel.save_pretrained, transformers 5.18): load that folder, save it again with our
// writer, and compare model.safetensors tensor by tensor (name, dtype, shape, raw bytes) from the raw
// headers, read here independently of our safetensors reader; and config.json key by key.
// Tensors: HF's file has neither the tied lm_head.weight nor the attn.bias / attn.masked_bias
// causal-mask buffers (non-persistent in current transformers); ours omits the same, so the two
// name sets must be equal. Config: every key of ours must equal the fixture's; every fixture key must
// be in ours with the same value, except transformers_version (informational) and the keys listed in
// GPT2_DEFAULTS, which only GPT2DoubleHeadsModel or cross-attention read: where ours leaves one out,
// the fixture's value must be GPT2Config's default, so from_pretrained sees the same config.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkpointToFiles } from './checkpoint';
import { loadCheckpointPath } from './checkpoint-fs';

const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/gpt2-tiny', import.meta.url));

/** GPT2Config / PretrainedConfig defaults (transformers configuration_gpt2.py) for keys our config may omit */
const GPT2_DEFAULTS: Record<string, unknown> = {
  add_cross_attention: false,
  summary_type: 'cls_index',
  summary_use_proj: true,
  summary_activation: null,
  summary_proj_to_labels: true,
  summary_first_dropout: 0.1,
};
const INFORMATIONAL = new Set(['transformers_version']);

interface RawTensor { dtype: string; shape: number[]; bytes: Uint8Array }

function rawSafetensors(file: Uint8Array): { tensors: Map<string, RawTensor>; metadata: unknown } {
  const n = Number(new DataView(file.buffer, file.byteOffset, 8).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n))) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const data = file.subarray(8 + n);
  const tensors = new Map<string, RawTensor>();
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    tensors.set(name, { dtype: t.dtype, shape: t.shape, bytes: data.subarray(t.data_offsets[0], t.data_offsets[1]) });
  }
  return { tensors, metadata: (header as Record<string, unknown>).__metadata__ };
}

describe('checkpoint layout equals Hugging Face GPT-2 (fixture gpt2-tiny)', () => {
  const theirs = rawSafetensors(new Uint8Array(readFileSync(`${FIXTURE}/model.safetensors`)));
  const theirConfig = JSON.parse(readFileSync(`${FIXTURE}/config.json`, 'utf8')) as Record<string, unknown>;
  const files = checkpointToFiles(loadCheckpointPath(FIXTURE));
  const ours = rawSafetensors(files.get('model.safetensors')!);
  const ourConfig = JSON.parse(new TextDecoder().decode(files.get('config.json')!)) as Record<string, unknown>;

  it('model.safetensors: the same tensor names, dtypes, shapes and bytes', () => {
    expect([...ours.tensors.keys()].sort()).toEqual([...theirs.tensors.keys()].sort());
    expect(ours.tensors.size).toBe(4 + 12 * 2); // wte, wpe, ln_f.{weight,bias} + 12 per block, 2 blocks
    for (const [name, t] of theirs.tensors) {
      const o = ours.tensors.get(name)!;
      expect(o.dtype, name).toBe(t.dtype);
      expect(o.shape, name).toEqual(t.shape);
      expect(Buffer.from(o.bytes).equals(Buffer.from(t.bytes)), `${name}: bytes differ`).toBe(true);
    }
    expect(ours.tensors.get('transformer.h.0.attn.c_attn.weight')!.shape).toEqual([32, 96]); // Conv1D [C, 3C]
    for (const name of ours.tensors.keys()) expect(name).not.toMatch(/^lm_head\.|\.attn\.(masked_)?bias$/);
    expect(ours.metadata).toEqual(theirs.metadata); // { format: 'pt' }
  });

  it('config.json: every key GPT2Config reads, with equal values', () => {
    for (const [k, v] of Object.entries(ourConfig)) expect(theirConfig[k], `our key '${k}'`).toEqual(v);
    for (const [k, v] of Object.entries(theirConfig)) {
      if (INFORMATIONAL.has(k)) continue;
      if (k in ourConfig) continue; // equal, checked above
      expect(k in GPT2_DEFAULTS, `'${k}' is missing from our config.json and has no listed GPT2Config default`).toBe(true);
      expect(v, `'${k}': the fixture's value is not GPT2Config's default, so leaving it out changes the config`).toEqual(GPT2_DEFAULTS[k]);
    }
    // the architecture-defining keys are ours explicitly (their GPT2Config defaults differ)
    for (const k of ['vocab_size', 'n_positions', 'n_embd', 'n_layer', 'n_head', 'activation_function', 'resid_pdrop', 'embd_pdrop', 'attn_pdrop',
      'layer_norm_epsilon', 'tie_word_embeddings', 'bos_token_id', 'eos_token_id', 'model_type']) expect(k in ourConfig, k).toBe(true);
  });
});
