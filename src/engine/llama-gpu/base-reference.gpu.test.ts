// The WebGPU LoRA policy's frozen KL reference (adapter switched off, same weight buffers): the
// qwen2-tiny fixture's base logits with it off and its LoRA logits with it on (1e-4 relative), the
// adapter read back alone, and backward refused while the adapter is off.
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { adapterTensors, baseReference, isLoraPolicy } from '../llama/base-reference';
import { loadQwen2WithAdapter, relErr } from '../llama/qwen2-fixture-helpers';
import { createFamilyModel } from '../llama/create-family-model';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

describe('baseReference on WebGPU', () => {
  it('base logits with the adapter off, LoRA logits with it on', async () => {
    const f = await loadQwen2WithAdapter();
    const policy = await createFamilyModel('webgpu', { config: f.hf.config, weights: f.hf.weights, adapter: f.adapter, gpu: ctx });
    try {
      expect(isLoraPolicy(policy)).toBe(true);
      if (!isLoraPolicy(policy)) return;
      const ref = baseReference(policy);
      const base = f.expected.get('logits')!.data;
      const lora = f.expected.get('lora.logits')!.data;
      expect(relErr(await ref.forwardLogits(f.tokens, f.B, f.T), base)).toBeLessThan(1e-4);
      expect(relErr(await policy.forwardLogits(f.tokens, f.B, f.T), lora)).toBeLessThan(1e-4);
      const tensors = await adapterTensors(policy);
      for (const [k, t] of f.peft.tensors) expect(relErr(tensors.get(k)!.data, t.data), k).toBeLessThan(1e-6);
      policy.setAdapterEnabled(false);
      await expect(policy.backwardLogprobs(new Float32Array(f.B * f.T))).rejects.toThrow(/switched off/);
      policy.setAdapterEnabled(true);
    } finally {
      policy.destroy();
    }
  });
});
