// actor.ppo_micro_batch_size (verl's ppo_micro_batch_size_per_gpu): the GRPO update cut into
// micro-batches gives the same losses, metrics and weights as one pass over each mini-batch, on the
// GPT-2 CPU model and on the qwen2-tiny fixture with its PEFT LoRA adapter (KL to the base with the
// adapter off); and it really runs smaller passes (a wrapping model counts the rows of each call).
// Tolerance: the micro-batched gradient is the same sum in float32 in another order, and AdamW then
// divides by sqrt(v) (which magnifies the rounding of small gradients); metrics agree to 1e-5
// relative, weights to 1e-5 of their largest magnitude (measured: metrics <= 8e-7, weights <= 5e-6
// for GPT-2, 4e-8 for the LoRA adapter).
import { describe, expect, it } from 'vitest';
import { CpuModel } from '../../engine/gpt/cpu-model';
import type { Model, ModelConfigBase, TokenBatch } from '../../engine/model-api';
import { adapterTensors, baseReference, isLoraPolicy } from '../../engine/llama/base-reference';
import { createFamilyModel } from '../../engine/llama/create-family-model';
import { loadQwen2WithAdapter } from '../../engine/llama/qwen2-fixture-helpers';
import { Rng } from '../../engine/rng';
import { defaultRunConfig, type ActorConfig } from '../config';
import { grpoUpdate, microBatches, type UpdateOptions, type UpdateRow } from './update';
import { maxRel, expectSameMetrics } from '../testing/compare';

type AnyModel = Model<ModelConfigBase>;

/** groups x n rows of different prompt and response lengths, advantages of both signs */
function makeRows(seed: number, groups: number, n: number, vocab: number): UpdateRow[] {
  const rng = new Rng(seed);
  const rows: UpdateRow[] = [];
  for (let g = 0; g < groups; g++) {
    const prompt = Array.from({ length: 2 + rng.int(3) }, () => 1 + rng.int(vocab - 1));
    for (let k = 0; k < n; k++) {
      const response = Array.from({ length: 1 + rng.int(6) }, () => 1 + rng.int(vocab - 1));
      rows.push({ prompt, response, group: g, advantage: rng.normal() });
    }
  }
  return rows;
}

/** a model that records the rows (B) of every forward and backward pass and counts optimizer steps */
function counting(inner: AnyModel) {
  const calls = { forward: [] as number[], backward: [] as number[], zeroGrad: 0, step: 0 };
  let lastB = 0;
  const model: AnyModel = Object.create(inner, {
    forwardLogprobs: { value: async (b: TokenBatch) => { calls.forward.push(b.B); lastB = b.B; return inner.forwardLogprobs(b); } },
    backwardLogprobs: { value: async (d: Float32Array, e?: Float32Array) => { calls.backward.push(lastB); return inner.backwardLogprobs(d, e); } },
    zeroGrad: { value: () => { calls.zeroGrad++; inner.zeroGrad(); } },
    step: { value: async (o: Parameters<AnyModel['step']>[0]) => { calls.step++; return inner.step(o); } },
  });
  return { model, calls };
}

const gptConfig = { nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 32, vocabSize: 24 };

function gptActor(extra: Partial<ActorConfig>): ActorConfig {
  return {
    ...defaultRunConfig().actor, lr: 1e-2, rollout_n: 4, ppo_mini_batch_size: 2, ppo_epochs: 2, use_kl_loss: true, kl_loss_type: 'low_var_kl',
    kl_loss_coef: 0.05, entropy_coeff: 0.01, loss_agg_mode: 'token-mean', ...extra,
  };
}

async function gptRun(actor: ActorConfig, rows: UpdateRow[]) {
  const model = new CpuModel(gptConfig, undefined, 7);
  const reference = new CpuModel(gptConfig, undefined, 8);
  const counted = counting(model);
  const refRows: number[] = [];
  const opts: UpdateOptions = {
    actor, padId: 0, temperature: 0.8, trace: true,
    refLogprobs: async (b) => { refRows.push(b.B); return (await reference.forwardLogprobs(b)).logprobs; },
  };
  const res = await grpoUpdate(counted.model, rows, opts);
  return { res, params: await model.exportParams(), calls: counted.calls, refRows };
}

describe('microBatches', () => {
  it('cuts rows in order into slices of the size; 0 or a size >= the rows = one slice', () => {
    const rows = [1, 2, 3, 4, 5, 6];
    expect(microBatches(rows, 2)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(microBatches(rows, 4)).toEqual([[1, 2, 3, 4], [5, 6]]);
    expect(microBatches(rows, 0)).toEqual([rows]);
    expect(microBatches(rows, 6)).toEqual([rows]);
    expect(() => microBatches(rows, -1)).toThrow(/non-negative/);
  });
});

describe('grpoUpdate with micro-batches', () => {
  for (const loss_agg_mode of ['token-mean', 'seq-mean-token-sum', 'seq-mean-token-mean'] as const) {
    it(`GPT-2 CPU, ${loss_agg_mode}: micro-batches of 2 and 3 give the whole mini-batch's metrics, trace and weights`, async () => {
      const rows = makeRows(3, 4, 4, gptConfig.vocabSize); // 4 questions x 4: two mini-batches of 8 rows
      const whole = await gptRun(gptActor({ loss_agg_mode, ppo_micro_batch_size: 0 }), rows);
      expect(whole.res.updates).toBe(4);
      expect(whole.res.metrics['actor/ppo_kl']).not.toBe(0); // the second epoch sees the updated policy
      for (const size of [2, 3]) {
        const micro = await gptRun(gptActor({ loss_agg_mode, ppo_micro_batch_size: size }), rows);
        expect(micro.res.updates).toBe(4);
        expectSameMetrics(micro.res.metrics, whole.res.metrics, 1e-5, 1e-9);
        expect(maxRel(micro.params, whole.params)).toBeLessThan(1e-5);
        micro.res.trace!.forEach((t, i) => {
          const w = whole.res.trace![i];
          t.new.forEach((x, j) => expect(Math.abs(x - w.new[j])).toBeLessThan(1e-5 * Math.abs(w.new[j]) + 1e-6));
          t.old.forEach((x, j) => expect(Math.abs(x - w.old[j])).toBeLessThan(1e-6 * Math.abs(w.old[j]) + 1e-7));
        });
      }
      // and the update moved the weights: equality is not two untouched models
      const untouched = await new CpuModel(gptConfig, undefined, 7).exportParams();
      expect(maxRel(whole.params, untouched)).toBeGreaterThan(1e-4);
    });
  }

  it('runs each forward and backward on one micro-batch: zeroGrad and step once per mini-batch, the KL reference per micro-batch', async () => {
    const rows = makeRows(4, 4, 4, gptConfig.vocabSize);
    const micro = await gptRun(gptActor({ ppo_micro_batch_size: 2, ppo_epochs: 2 }), rows);
    // 2 mini-batches x 4 micro-batches of 2 rows: old log-probs 8, update 2 epochs x 8, trace 8
    expect(micro.calls.forward).toEqual(new Array(8 + 16 + 8).fill(2));
    expect(micro.calls.backward).toEqual(new Array(16).fill(2));
    expect(micro.calls.zeroGrad).toBe(4);
    expect(micro.calls.step).toBe(4);
    expect(micro.refRows).toEqual(new Array(8).fill(2)); // computed once per micro-batch, reused by epoch 2
    const whole = await gptRun(gptActor({ ppo_micro_batch_size: 0, ppo_epochs: 2 }), rows);
    expect(whole.calls.forward).toEqual(new Array(2 + 4 + 2).fill(8));
    expect(whole.calls.backward).toEqual(new Array(4).fill(8));
    expect(whole.calls.step).toBe(4);
  });

  it('a non-finite gradient in one micro-batch skips the whole mini-batch\'s step (weights unchanged)', async () => {
    const rows = makeRows(5, 2, 4, gptConfig.vocabSize);
    const model = new CpuModel(gptConfig, undefined, 7);
    const before = await model.exportParams();
    let poison = true;
    const actor = gptActor({ ppo_micro_batch_size: 2, ppo_mini_batch_size: 2, ppo_epochs: 1, use_kl_loss: false });
    const res = await grpoUpdate(model, rows, { actor, padId: 0, poison: () => { const p = poison; poison = false; return p; } });
    expect(res.updates).toBe(0);
    expect(res.skipped).toBe(1);
    expect(res.faults[0]).toMatch(/mini-batch 0: gradient norm is NaN/);
    expect(maxRel(await model.exportParams(), before)).toBe(0);
  });

  it('qwen2-tiny with its PEFT LoRA adapter (CPU), KL to the base with the adapter off: the same metrics and adapter', async () => {
    const f = await loadQwen2WithAdapter();
    const rows = makeRows(9, 2, 4, f.hf.config.vocabSize);
    const run = async (size: number) => {
      // a copy each: the CPU model trains the adapter arrays it is given in place
      const policy = await createFamilyModel('cpu', { config: f.hf.config, weights: f.hf.weights, adapter: structuredClone(f.adapter) });
      if (!isLoraPolicy(policy)) throw new Error('expected a LoRA policy');
      const ref = baseReference(policy);
      const counted = counting(policy);
      const actor = gptActor({ ppo_micro_batch_size: size, ppo_mini_batch_size: 2, lr: 1e-3 });
      const res = await grpoUpdate(counted.model, rows, { actor, padId: 0, refLogprobs: async (b) => (await ref.forwardLogprobs(b)).logprobs });
      const adapter = await adapterTensors(policy);
      policy.destroy();
      return { res, adapter, calls: counted.calls };
    };
    const whole = await run(0);
    const micro = await run(2);
    expect(whole.res.updates).toBe(2);
    expect(micro.calls.backward).toEqual(new Array(8).fill(2));
    expectSameMetrics(micro.res.metrics, whole.res.metrics, 1e-5, 1e-9);
    expect(maxRel(micro.adapter, whole.adapter)).toBeLessThan(1e-5);
    expect(maxRel(whole.adapter, new Map([...f.peft.tensors].map(([k, t]) => [k, { data: t.data }])))).toBeGreaterThan(1e-4);
  });
});
