// actor.ppo_micro_batch_size on WebGPU: the GRPO update in micro-batches of 2 responses gives the
// same metrics and weights as one pass over each mini-batch of 8, for the GPT-2 model and for the
// qwen2-tiny fixture (bf16 base packed on the GPU) with its PEFT LoRA adapter and the KL reference
// (the base with the adapter off). Tolerance: the same float32 gradient summed in another order
// (and by GPU kernels): metrics 1e-4 relative, weights 1e-4 of their largest magnitude (measured on
// SwiftShader: metrics <= 5e-5, weights <= 5e-6).
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestContext } from '../../engine/backend/gpu-test-helpers';
import type { GpuContext } from '../../engine/backend/gpu-context';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { WebGpuModel } from '../../engine/gpt-gpu/webgpu-model';
import { adapterTensors, baseReference, isLoraPolicy } from '../../engine/llama/base-reference';
import { createFamilyModel } from '../../engine/llama/create-family-model';
import { loadQwen2WithAdapter } from '../../engine/llama/qwen2-fixture-helpers';
import { Rng } from '../../engine/rng';
import { defaultRunConfig, type ActorConfig } from '../config';
import { grpoUpdate, type UpdateRow } from './update';
import { maxRel, expectSameMetrics } from '../testing/compare';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

function makeRows(seed: number, groups: number, n: number, vocab: number): UpdateRow[] {
  const rng = new Rng(seed);
  const rows: UpdateRow[] = [];
  for (let g = 0; g < groups; g++) {
    const prompt = Array.from({ length: 2 + rng.int(3) }, () => 1 + rng.int(vocab - 1));
    for (let k = 0; k < n; k++) rows.push({ prompt, response: Array.from({ length: 1 + rng.int(5) }, () => 1 + rng.int(vocab - 1)), group: g, advantage: rng.normal() });
  }
  return rows;
}

const actor = (micro: number, lr: number): ActorConfig => ({
  ...defaultRunConfig().actor, lr, rollout_n: 4, ppo_mini_batch_size: 2, ppo_micro_batch_size: micro, ppo_epochs: 2,
  use_kl_loss: true, kl_loss_coef: 0.05, entropy_coeff: 0.01,
});

describe('grpoUpdate with micro-batches on WebGPU', () => {
  it('GPT-2: micro-batches of 2 = one pass of 8 (metrics, weights)', async () => {
    const config = { nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: 24 };
    const init = await new CpuModel(config, undefined, 5).exportParams();
    const rows = makeRows(2, 2, 4, config.vocabSize);
    const run = async (micro: number) => {
      const model = new WebGpuModel(ctx, config);
      await model.importParams(init);
      const reference = new CpuModel(config, undefined, 6);
      try {
        const res = await grpoUpdate(model, rows, { actor: actor(micro, 1e-2), padId: 0, refLogprobs: async (b) => (await reference.forwardLogprobs(b)).logprobs });
        return { res, params: await model.exportParams() };
      } finally {
        model.destroy();
      }
    };
    const whole = await run(0);
    const micro = await run(2);
    expect(whole.res.updates).toBe(2); // one mini-batch of 2 questions x 4, two epochs
    expectSameMetrics(micro.res.metrics, whole.res.metrics, 1e-4, 1e-7);
    expect(maxRel(micro.params, whole.params)).toBeLessThan(1e-4);
    expect(maxRel(whole.params, init)).toBeGreaterThan(1e-3); // the update moved the weights
  });

  it('qwen2-tiny with its PEFT LoRA adapter and the base as KL reference: micro-batches of 2 = one pass of 8', async () => {
    const f = await loadQwen2WithAdapter();
    const rows = makeRows(9, 2, 4, f.hf.config.vocabSize);
    const run = async (micro: number) => {
      const policy = await createFamilyModel('webgpu', { config: f.hf.config, weights: f.hf.weights, adapter: structuredClone(f.adapter), gpu: ctx });
      try {
        if (!isLoraPolicy(policy)) throw new Error('expected a LoRA policy');
        const ref = baseReference(policy);
        const res = await grpoUpdate(policy, rows, { actor: actor(micro, 1e-3), padId: 0, refLogprobs: async (b) => (await ref.forwardLogprobs(b)).logprobs });
        return { res, adapter: await adapterTensors(policy) };
      } finally {
        policy.destroy();
      }
    };
    const whole = await run(0);
    const micro = await run(2);
    expect(whole.res.updates).toBe(2);
    expect(whole.res.metrics['actor/kl_loss']).toBeGreaterThan(0);
    expectSameMetrics(micro.res.metrics, whole.res.metrics, 1e-4, 1e-7);
    expect(maxRel(micro.adapter, whole.adapter)).toBeLessThan(1e-4);
    expect(maxRel(whole.adapter, new Map([...f.peft.tensors].map(([k, t]) => [k, { data: t.data }])))).toBeGreaterThan(1e-4);
  });
});
