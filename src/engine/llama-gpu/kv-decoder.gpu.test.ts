// The WebGPU KV decoder reuses one set of prompt activations for prompts of every length: a batch of
// prompts of lengths 9, 6 and 3 gives the same greedy tokens as the CPU model (exact ids) and as each
// prompt alone on the GPU, and its peak GPU bytes are no more than a batch of three 9-token prompts
// (one activation set sized for the longest prompt; the KV caches are the same size in both batches).
// The memory planner's kvCache part (KV caches at the decoder's capacity + the prompt pass) equals
// the bytes the decoder allocated at its peak, up to each buffer's rounding to 16 bytes.
// qwen2-tiny fixture (bf16), a LoRA adapter so the LoRA activations are exercised too.
import { beforeAll, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { fsFolder } from '../hf/folder-fs';
import { loadLlamaFolder } from '../hf/model-folder';
import { createFamilyModel } from '../llama/create-family-model';
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
