// The WebGPU Llama-family model against the transformers + PEFT references in
// ../shared/fixtures/{llama,qwen2,qwen3}-tiny, with the bf16 weights kept packed on the GPU: logits
// and loss (1e-4 relative to the largest magnitude), the PEFT LoRA adapter's logits, loss and
// gradients under PEFT names (1e-3, each relative to its tensor's largest magnitude), the 5 LoRA
// AdamW losses (1e-4) with the base untouched, and 12 greedy tokens through the GPU KV cache
// (exactly). Also: the same numbers with every weight split into several buffers by a small binding
// limit, and 20 models built and disposed without the device's allocation growing.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { readSafetensors } from '../checkpoint/safetensors';
import { fsFolder } from '../hf/folder-fs';
import { loadLlamaFolder } from '../hf/model-folder';
import { readPeftAdapter } from '../hf/peft';
import { loraLayout } from '../llama/lora';
import type { TokenBatch } from '../model-api';
import { createFamilyModel } from '../llama/create-family-model';
import { WebGpuLlamaModel } from './webgpu-llama-model';

const root = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

async function load(name: string) {
  const dir = root + name;
  const hf = await loadLlamaFolder(fsFolder(dir));
  const expected = readSafetensors(new Uint8Array(readFileSync(`${dir}/expected.safetensors`)), 'expected.safetensors').tensors;
  const ids: number[][] = JSON.parse(readFileSync(`${dir}/tokens.json`, 'utf8')).input_ids;
  const B = ids.length, T = ids[0].length;
  const tokens = Int32Array.from(ids.flat());
  const targets = new Int32Array(B * T).fill(-1);
  for (let b = 0; b < B; b++) for (let t = 0; t < T - 1; t++) targets[b * T + t] = ids[b][t + 1];
  const gen = JSON.parse(readFileSync(`${dir}/generate.json`, 'utf8')) as { prompt_ids: number[]; new_ids: number[] };
  const peft = await readPeftAdapter(fsFolder(`${dir}/adapter`), hf.config);
  const { entries, total } = loraLayout(hf.config, peft.spec);
  const flat = new Float32Array(total);
  for (const e of entries) flat.set(peft.tensors.get(e.name)!.data, e.offset);
  return { hf, expected, batch: { B, T, tokens, targets } as TokenBatch, gen, adapter: { spec: peft.spec, params: flat }, loraEntries: entries.length };
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let err = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

/** mean next-token cross-entropy of the batch, and (when backward) its gradient accumulated after zeroGrad */
async function lossOf(m: WebGpuLlamaModel, batch: TokenBatch, backward: boolean): Promise<number> {
  const { logprobs } = await m.forwardLogprobs(batch);
  let count = 0, sum = 0;
  for (let i = 0; i < batch.targets.length; i++) if (batch.targets[i] >= 0) { count++; sum += logprobs[i]; }
  if (backward) {
    const d = new Float32Array(batch.targets.length);
    for (let i = 0; i < d.length; i++) d[i] = batch.targets[i] >= 0 ? -1 / count : 0;
    m.zeroGrad();
    await m.backwardLogprobs(d);
  }
  return -sum / count;
}

for (const name of ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny']) {
  // SwiftShader compiles each pipeline on the CPU (slow when the machine is shared)
  describe(`WebGPU ${name} vs transformers`, { timeout: 300_000 }, () => {
    it('logits and loss from packed bf16 weights; the same with every weight split into several buffers', async () => {
      const { hf, expected, batch } = await load(name);
      for (const maxBindingBytes of [undefined, 64 * 2 * 40]) {
        const m = new WebGpuLlamaModel(ctx, hf.config, hf.weights, { maxBindingBytes });
        const logits = await m.forwardLogits(batch.tokens, batch.B, batch.T);
        expect(relErr(logits, expected.get('logits')!.data)).toBeLessThan(1e-4);
        expect(relErr([await lossOf(m, batch, false)], expected.get('loss')!.data)).toBeLessThan(1e-4);
        // training every parameter of a 16-bit model is refused by name
        await expect(m.backwardLogprobs(new Float32Array(batch.B * batch.T))).rejects.toThrow(/needs fullFineTune/);
        m.destroy();
      }
    });

    it('PEFT LoRA: logits, loss, adapter gradients, 5 AdamW losses; base frozen and holding no training memory', async () => {
      const { hf, expected, batch, adapter, loraEntries } = await load(name);
      const m = new WebGpuLlamaModel(ctx, hf.config, hf.weights, { adapter });
      const logits = await m.forwardLogits(batch.tokens, batch.B, batch.T);
      expect(relErr(logits, expected.get('lora.logits')!.data)).toBeLessThan(1e-4);
      expect(relErr([await lossOf(m, batch, true)], expected.get('lora.loss')!.data)).toBeLessThan(1e-4);
      const grads = await m.exportGrads();
      expect(grads.size).toBe(loraEntries);
      for (const [k, g] of grads) {
        const ref = expected.get(`lora.grad.${k.replace(/\.weight$/, '.default.weight')}`);
        expect(ref, k).toBeDefined();
        expect(relErr(g.data, ref!.data), k).toBeLessThan(1e-3);
      }
      // gradient + AdamW memory: three adapter-sized buffers (aligned), nothing for the base
      expect(m.trainingBytes).toBeLessThan(12 * (adapter.params.length + 64 * loraEntries));
      expect(m.trainingBytes).toBeGreaterThanOrEqual(12 * adapter.params.length);
      const baseBefore = (await m.exportParams()).get('model.layers.0.self_attn.q_proj.weight')!.data.slice();
      const losses: number[] = [];
      for (let i = 0; i < 5; i++) {
        losses.push(await lossOf(m, batch, true));
        const r = await m.step({ lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
        expect(r.skipped).toBe(false);
      }
      expect(relErr(losses, expected.get('lora.train_losses')!.data)).toBeLessThan(1e-4);
      const after = await m.exportParams();
      expect(after.get('model.layers.0.self_attn.q_proj.weight')!.data).toEqual(baseBefore);
      m.destroy();
    });

    it('full fine-tuning (float32 on the GPU): logits, loss and every gradient (HF names, tied embedding incl. the head)', async () => {
      const { hf, expected, batch } = await load(name);
      const m = new WebGpuLlamaModel(ctx, hf.config, hf.weights, { fullFineTune: true });
      expect(relErr(await m.forwardLogits(batch.tokens, batch.B, batch.T), expected.get('logits')!.data)).toBeLessThan(1e-4);
      expect(relErr([await lossOf(m, batch, true)], expected.get('loss')!.data)).toBeLessThan(1e-4);
      const grads = await m.exportGrads();
      expect(grads.size).toBe(hf.weights.size);
      for (const [k, g] of grads) {
        const ref = expected.get(`grad.${k}`);
        expect(ref, k).toBeDefined();
        expect(relErr(g.data, ref!.data), k).toBeLessThan(1e-3);
      }
      const r = await m.step({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, maxGradNorm: 1 });
      expect(r.skipped).toBe(false);
      expect(Math.abs(r.gradNorm - Math.sqrt([...grads.values()].reduce((s, g) => s + g.data.reduce((a, x) => a + x * x, 0), 0)))).toBeLessThan(1e-3 * r.gradNorm);
      m.destroy();
    });

    it('greedy decoding with the GPU KV cache reproduces the 12 tokens', async () => {
      const { hf, gen } = await load(name);
      const m = new WebGpuLlamaModel(ctx, hf.config, hf.weights);
      const r = await m.generate([gen.prompt_ids], { maxNewTokens: gen.new_ids.length, temperature: 0, seed: 0, eosId: -1 });
      expect(r.tokens[0]).toEqual(gen.new_ids);
      m.destroy();
    });
  });
}

it('a refusal while uploading (a missing tensor) leaves nothing allocated', async () => {
  const { hf } = await load('llama-tiny');
  const before = ctx.storageBytes;
  const partial = new Map(hf.weights);
  partial.delete('model.layers.1.mlp.down_proj.weight');
  expect(() => new WebGpuLlamaModel(ctx, hf.config, partial)).toThrow(/missing tensor 'model.layers.1.mlp.down_proj.weight'/);
  expect(ctx.storageBytes).toBe(before);
});

it('builds and disposes 20 models (with an adapter, after training and generation) without the allocation growing', async () => {
  const { hf, batch, adapter, gen } = await load('qwen3-tiny');
  const baseline = ctx.storageBytes;
  for (let i = 0; i < 20; i++) {
    const m = new WebGpuLlamaModel(ctx, hf.config, hf.weights, { adapter });
    if (i < 2) {
      await lossOf(m, batch, true);
      await m.step({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      await m.generate([gen.prompt_ids], { maxNewTokens: 2, temperature: 0, seed: 0, eosId: -1 });
    }
    expect(ctx.storageBytes).toBeGreaterThan(baseline);
    m.destroy();
    expect(ctx.storageBytes).toBe(baseline);
  }
  await ctx.sync();
}, 120_000);

it('createFamilyModel builds the WebGPU model on a shared device (LoRA logits as the fixture)', async () => {
  const { hf, expected, batch, adapter } = await load('llama-tiny');
  const m = await createFamilyModel('webgpu', { config: hf.config, weights: hf.weights, adapter, gpu: ctx });
  expect(m.backend).toBe('webgpu');
  expect(relErr(await m.forwardLogits(batch.tokens, batch.B, batch.T), expected.get('lora.logits')!.data)).toBeLessThan(1e-4);
  m.destroy();
  expect(ctx.lostInfo).toBeNull();
  const before = ctx.storageBytes;
  // trainable token rows outside the vocabulary are refused before anything is allocated
  await expect(createFamilyModel('webgpu', { config: hf.config, weights: hf.weights, adapter: { spec: { ...adapter.spec, tokenIds: [hf.config.vocabSize] }, params: adapter.params }, gpu: ctx }))
    .rejects.toThrow(/outside the vocabulary .* resize the embeddings first/);
  expect(ctx.storageBytes).toBe(before);
});
