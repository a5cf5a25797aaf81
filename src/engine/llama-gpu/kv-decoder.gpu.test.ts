// The WebGPU KV decoder reuses one set of prompt activations for prompts of every length: a batch of
// prompts of lengths 9, 6 and 3 gives the same greedy tokens as the CPU model (exact ids) and as each
// prompt alone on the GPU, and its peak GPU bytes are no more than a batch of three 9-token prompts
// (one activation set sized for the longest prompt; the KV caches are the same size in both batches).
// The memory planner's kvCache part (KV caches at the decoder's capacity + the prompt pass) equals
// the bytes the decoder allocated at its peak, up to each buffer's rounding to 16 bytes.
// qwen2-tiny fixture (bf16), a LoRA adapter so the LoRA activations are exercised too. Decoding keeps
// two layers' activations used in turn: random 5-layer models (Llama; Qwen3 with q/k norms) decode the
// same greedy tokens as the CPU model.
// Batched steps (all rows' next tokens in one pass, one readback) against one row per pass (the
// decoder with maxGroup 1, which is what the decoder did before batching): 4 rows of prompt lengths
// 12, 9, 6 and 3 decoding 40 tokens (the shared cache grows 32 -> 64 mid-run, every row re-laid):
// per-step logits within 1e-4 absolute (measured max |diff| 0 on SwiftShader: the same kernels
// compute each row's numbers in the same order whatever N is), greedy ids exactly the CPU model's,
// sampled tokens (temperature 1, top-k 20, top-p 0.9, fixed seed) exactly equal to the per-row path's,
// and in row groups of 3 too; the plan's kvCache (with the growth moment) = measured peak.
// qwen2-tiny fixture (bf16), a LoRA adapter so the LoRA activations are exercised too.
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
import { generateWithDecoder, pickOnCpu } from '../sample/generate';
import type { IncrementalDecoder } from '../sample/generate';
import { WebGpuLlamaModel } from './webgpu-llama-model';

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
    const buffers = 2 * hf.config.nLayer + hf.config.nLayer * 20 + 12; // KV per layer, the prompt pass's buffers, a few more
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
it('a step decodes every row in one pass with the same logits and tokens as one row per pass', async () => {
  const hf = await loadLlamaFolder(fsFolder(dir));
  const spec: LoraSpec = { r: 4, alpha: 8, targets: ['q_proj', 'v_proj', 'up_proj'] };
  const adapter = () => ({ spec, params: initLora(hf.config, spec, 3).map((x, i) => x + 0.02 * Math.sin(i)) });
  const gpu = await createFamilyModel('webgpu', { config: hf.config, weights: hf.weights, gpu: ctx, adapter: adapter() });
  const cpu = await createFamilyModel('cpu', { config: hf.config, weights: hf.weights, adapter: adapter() });
  expect(gpu).toBeInstanceOf(WebGpuLlamaModel);
  const model = gpu as WebGpuLlamaModel;
  const prompts = [prompt(12, 1), prompt(6, 2), prompt(3, 3), prompt(9, 4)];
  const expectRows = { rows: prompts.length, longestPrompt: 12 };
  const V = hf.config.vocabSize;
  try {
    // logits: prefill each row, then 40 steps with the same tokens on both decoders
    const batched = model.kvDecoder(expectRows), perRow = model.kvDecoder({ ...expectRows, maxGroup: 1 });
    expect(batched.stepGroup).toBe(4);
    expect(perRow.stepGroup).toBe(1);
    let maxDiff = 0;
    const argmax = (z: Float32Array) => z.reduce((best, x, i) => (x > z[best] ? i : best), 0);
    const diff = (a: Float32Array, b: Float32Array) => {
      expect(a.length).toBe(V);
      for (let i = 0; i < V; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    };
    const rows = [0, 1, 2, 3];
    let tokens: number[] = [];
    for (const r of rows) {
      const a = await batched.prefill(r, prompts[r]), b = await perRow.prefill(r, prompts[r]);
      diff(a, b);
      tokens.push(argmax(a));
    }
    for (let t = 0; t < 40; t++) {
      const a = await batched.step(rows, tokens), b = await perRow.step(rows, tokens);
      a.forEach((z, i) => diff(z, b[i]));
      tokens = a.map(argmax);
    }
    batched.destroy();
    perRow.destroy();
    expect(maxDiff).toBeLessThan(1e-4);
    console.log(`batched vs per-row decode: max |logit diff| ${maxDiff}`);

    // greedy ids exactly the CPU model's (the cache grows from 32 to 64 positions on the way)
    const greedy = { maxNewTokens: 40, temperature: 0, seed: 0, eosId: -1 };
    expect((await gpu.generate(prompts, greedy)).tokens).toEqual((await cpu.generate(prompts, greedy)).tokens);

    // sampled: the same tokens as one row per pass, and in row groups of 3
    const sampled = { maxNewTokens: 40, temperature: 1, topK: 20, topP: 0.9, seed: 7, eosId: -1 };
    const run = async (maxGroup?: number) => {
      const dec: IncrementalDecoder & { destroy(): void } = model.kvDecoder({ ...expectRows, maxGroup });
      try {
        return await generateWithDecoder(pickOnCpu(dec), prompts, sampled, hf.config.blockSize, V);
      } finally {
        dec.destroy();
      }
    };
    const all = await run(), one = await run(1), three = await run(3);
    expect(all.tokens).toEqual(one.tokens);
    expect(three.tokens).toEqual(one.tokens);
    all.logprobs.forEach((lp, i) => lp.forEach((x, j) => expect(x).toBeCloseTo(one.logprobs[i][j], 5)));

    // the plan counts the shared cache at 64 positions and the moment it grew from 32 (both held)
    ctx.resetStoragePeak();
    const before = ctx.storageBytes;
    await gpu.generate(prompts, greedy);
    expect(ctx.storageBytes).toBe(before);
    const peak = ctx.peakStorageBytes - before;
    const unlimited = { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity, budgetBytes: Infinity };
    const plan = planMemory({ config: hf.config, weightDtype: 'BF16', training: 'lora', lora: spec, batch: 0, seqLen: 0, kvRows: 4, kvLength: 12 + 40, kvPrompt: 12, limits: unlimited });
    const part = plan.parts.find((p) => p.name === 'kvCache')!;
    const buffers = 4 * hf.config.nLayer + hf.config.nLayer * 20 + 12;
    expect(Math.abs(peak - part.bytes)).toBeLessThanOrEqual(16 * buffers);
    expect(part.largest.bytes).toBe(4 * 4 * 64 * hf.config.nKvHead * hf.config.headDim);
  } finally {
    gpu.destroy();
    cpu.destroy();
  }
});
