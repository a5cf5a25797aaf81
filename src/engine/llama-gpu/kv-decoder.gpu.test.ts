// The WebGPU KV decoder reuses one set of prompt activations for prompts of every length: a batch of
// prompts of lengths 9, 6 and 3 gives the same greedy tokens as the CPU model (exact ids) and as each
// prompt alone on the GPU, and its peak GPU bytes are no more than a batch of three 9-token prompts
// (one activation set sized for the longest prompt; the KV caches are the same size in both batches).
// The memory planner's kvCache part (KV caches at the decoder's capacity + the prompt pass) equals
// the bytes the decoder allocated at its peak, up to each buffer's rounding to 16 bytes.
// qwen2-tiny fixture (bf16), a LoRA adapter so the LoRA activations are exercised too. Decoding keeps
// two layers' activations used in turn: random 5-layer models (Llama; Qwen3 with q/k norms) decode the
// same greedy tokens as the CPU model.
import { beforeAll, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { parseLlamaConfig } from '../hf/config';
import { fsFolder } from '../hf/folder-fs';
import { f32ToTensor, type HfTensor } from '../hf/tensors';
import { loadLlamaFolder } from '../hf/model-folder';
import { createFamilyModel } from '../llama/create-family-model';
import { initLlamaParams } from '../llama/init';
import { flatLayout } from '../llama/weights';
import { initLora, type LoraSpec } from '../llama/lora';
import { planMemory } from '../memory-plan';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));
let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

const prompt = (n: number, k: number) => Array.from({ length: n }, (_, i) => (i * 53 + k * 17 + 5) % 200);

it('prompts of many lengths share one activation set and decode as on the CPU', async () => {
  const hf = await loadLlamaFolder(fsFolder(dir));
  const spec: LoraSpec = { r: 4, alpha: 8, targets: ['q_proj', 'v_proj', 'up_proj'] };
  // B starts at zero in PEFT's init: move every entry a little so the adapter changes the outputs
  const adapter = () => ({ spec, params: initLora(hf.config, spec, 3).map((x, i) => x + 0.02 * Math.sin(i)) });
  const gpu = await createFamilyModel('webgpu', { config: hf.config, weights: hf.weights, gpu: ctx, adapter: adapter() });
  const cpu = await createFamilyModel('cpu', { config: hf.config, weights: hf.weights, adapter: adapter() });
  const opts = { maxNewTokens: 6, temperature: 0, seed: 0, eosId: -1 };
  try {
    const mixed = [prompt(9, 1), prompt(6, 2), prompt(3, 3)];
    const peakOf = async (prompts: number[][]) => {
      ctx.resetStoragePeak();
      const before = ctx.storageBytes;
      const r = await gpu.generate(prompts, opts);
      expect(ctx.storageBytes).toBe(before); // the decoder frees everything it made
      return { ids: r, peak: ctx.peakStorageBytes - before };
    };
    const m = await peakOf(mixed);
    const same = await peakOf([prompt(9, 1), prompt(9, 2), prompt(9, 3)]);
    expect(m.peak).toBeLessThanOrEqual(same.peak);
    const unlimited = { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity, budgetBytes: Infinity };
    const plan = planMemory({ config: hf.config, weightDtype: 'BF16', training: 'lora', lora: spec, batch: 0, seqLen: 0, kvRows: 3, kvLength: 9 + opts.maxNewTokens, kvPrompt: 9, limits: unlimited });
    const planned = plan.parts.find((p) => p.name === 'kvCache')!.bytes;
    const buffers = 2 * 3 * hf.config.nLayer + hf.config.nLayer * 20 + 12; // KV per row and layer, the prompt pass's buffers, a few more
    expect(Math.abs(same.peak - planned)).toBeLessThanOrEqual(16 * buffers);
    const onCpu = await cpu.generate(mixed, opts);
    expect(m.ids.tokens).toEqual(onCpu.tokens);
    for (let i = 0; i < mixed.length; i++) {
      const alone = await gpu.generate([mixed[i]], opts);
      expect(alone.tokens[0]).toEqual(onCpu.tokens[i]);
    }
  } finally {
    gpu.destroy();
    cpu.destroy();
  }
});

for (const arch of ['LlamaForCausalLM', 'Qwen3ForCausalLM'] as const) {
  it(`${arch}, 5 layers: decoding with two layers' activations in turn equals the CPU model`, async () => {
    const config = parseLlamaConfig({
      architectures: [arch], hidden_size: 32, intermediate_size: 48, num_hidden_layers: 5, num_attention_heads: 4,
      num_key_value_heads: 2, max_position_embeddings: 64, vocab_size: 50, rms_norm_eps: 1e-5, rope_theta: 1e4, tie_word_embeddings: false,
      ...(arch === 'Qwen3ForCausalLM' ? { head_dim: 12 } : {}),
    }, `5-layer ${arch}`);
    const flat = initLlamaParams(config, 7, 0.3);
    const weights = new Map<string, HfTensor>();
    for (const e of flatLayout(config).entries) weights.set(e.name, f32ToTensor(flat.slice(e.offset, e.offset + e.size), e.shape, e.name.endsWith('norm.weight') ? 'F32' : 'BF16'));
    const gpu = await createFamilyModel('webgpu', { config, weights, gpu: ctx });
    const cpu = await createFamilyModel('cpu', { config, weights });
    try {
      const prompts = [prompt(11, 1).map((t) => t % 50), [3], prompt(5, 2).map((t) => t % 50)];
      const opts = { maxNewTokens: 10, temperature: 0, seed: 0, eosId: -1 };
      expect((await gpu.generate(prompts, opts)).tokens).toEqual((await cpu.generate(prompts, opts)).tokens);
    } finally {
      gpu.destroy();
      cpu.destroy();
    }
  });
}
