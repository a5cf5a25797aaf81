// Trainable token rows on WebGPU against the CPU model (the fixtures hold no values for token rows:
// LLAMA-FAMILY.md lists logits, gradients and LoRA values only). A model resized by 3 new ids (as the
// <|out_lang_xx|> tags are added), 16-bit base kept packed on the GPU and widened on the CPU from the
// same bf16 values, LoRA with non-zero B plus 4 trainable rows (the 3 new ids and one existing id):
// logits and loss (1e-4 relative to the largest magnitude), every adapter gradient including the rows
// (1e-3 relative to the tensor's largest), 3 AdamW steps (losses 1e-4, rows 1e-3), greedy decoding
// through the KV cache with a tag in the prompt, alone and in a batch of 4 rows of different
// lengths (ids exactly), the adapter switched off (the rows
// stay), and a save / load through PEFT's files. A tied head (llama-tiny fixture, bf16) and an untied
// one (a small random model stored as bf16).
import { describe, expect, it, beforeAll } from 'vitest';
import { sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { parseLlamaConfig, type LlamaConfig } from '../hf/config';
import { memoryFolder } from '../hf/folder';
import { fsFolder } from '../hf/folder-fs';
import { llamaFloatWeights, loadLlamaFolder } from '../hf/model-folder';
import { peftAdapterFiles, readPeftAdapter } from '../hf/peft';
import { f32ToTensor, type HfTensor } from '../hf/tensors';
import { peftAdapterFromParams } from '../llama/adapter-export';
import { CpuLlamaModel } from '../llama/cpu-model';
import { initLlamaParams } from '../llama/init';
import { adapterLayout, initLora, packLora, type LoraSpec } from '../llama/lora';
import { resizeHfEmbeddings } from '../llama/resize';
import { flatLayout } from '../llama/weights';
import type { Model, TokenBatch } from '../model-api';
import { Rng } from '../rng';
import { WebGpuLlamaModel } from './webgpu-llama-model';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let err = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

async function lossAndGrad(m: Model<LlamaConfig>, b: TokenBatch): Promise<number> {
  const { logprobs } = await m.forwardLogprobs(b);
  let n = 0, s = 0;
  for (let i = 0; i < b.targets.length; i++) if (b.targets[i] >= 0) { n++; s += logprobs[i]; }
  const d = new Float32Array(b.targets.length);
  for (let i = 0; i < d.length; i++) d[i] = b.targets[i] >= 0 ? -1 / n : 0;
  m.zeroGrad();
  await m.backwardLogprobs(d);
  return -s / n;
}

/** a small untied Llama stored as bf16 */
function untiedModel(): { config: LlamaConfig; weights: Map<string, HfTensor> } {
  const config = parseLlamaConfig({
    architectures: ['LlamaForCausalLM'], hidden_size: 32, intermediate_size: 48, num_hidden_layers: 2, num_attention_heads: 4,
    num_key_value_heads: 2, max_position_embeddings: 32, vocab_size: 40, rms_norm_eps: 1e-5, rope_theta: 1e4, tie_word_embeddings: false,
  }, 'untied test config');
  const flat = initLlamaParams(config, 3, 0.15);
  const weights = new Map<string, HfTensor>();
  for (const e of flatLayout(config).entries) weights.set(e.name, f32ToTensor(flat.slice(e.offset, e.offset + e.size), e.shape, e.name.endsWith('norm.weight') ? 'F32' : 'BF16'));
  return { config, weights };
}

async function setup(which: 'tied' | 'untied') {
  const base = which === 'tied' ? await loadLlamaFolder(fsFolder(root + 'llama-tiny')) : untiedModel();
  const V0 = base.config.vocabSize;
  const { config, weights, meanRow } = resizeHfEmbeddings(base.config, base.weights, V0 + 3);
  const ids = [V0, V0 + 1, V0 + 2, 5];
  const spec: LoraSpec = { r: 2, alpha: 4, targets: ['q_proj', 'v_proj', 'down_proj'], tokenIds: ids };
  const { entries, loraTotal, total } = adapterLayout(config, spec);
  const params = new Float32Array(total);
  params.set(initLora(config, spec, 7));
  const rng = new Rng(11);
  // B non-zero so the adapter matters; the rows: the mean (new ids) and the stored row (id 5), then a spread
  for (const e of entries) if (e.name.endsWith('lora_B.weight')) for (let i = 0; i < e.size; i++) params[e.offset + i] = 0.05 * (2 * rng.nextF32() - 1);
  const H = config.hiddenSize;
  const embed = llamaFloatWeights(new Map([['e', weights.get('model.embed_tokens.weight')!]])).get('e')!.data;
  ids.forEach((id, k) => {
    const src = id >= V0 ? meanRow : embed.subarray(id * H, (id + 1) * H);
    for (let i = 0; i < H; i++) params[loraTotal + k * H + i] = src[i] + 0.05 * (2 * rng.nextF32() - 1);
  });
  const B = 2, T = 12;
  const tokens = Int32Array.from({ length: B * T }, () => rng.int(V0));
  tokens[3] = V0; tokens[8] = V0 + 2; tokens[15] = 5; tokens[20] = V0 + 1;
  const targets = new Int32Array(B * T).fill(-1);
  for (let b = 0; b < B; b++) for (let t = 0; t < T - 1; t++) targets[b * T + t] = tokens[b * T + t + 1];
  targets[0] = V0 + 1; // a new id as a target too
  const batch: TokenBatch = { B, T, tokens, targets };
  const cpu = CpuLlamaModel.fromTensors(config, llamaFloatWeights(weights), 'cpu', { spec, params: params.slice() });
  const gpu = new WebGpuLlamaModel(ctx, config, weights, { adapter: { spec, params: params.slice() } });
  return { config, weights, spec, params, batch, cpu, gpu, ids, V0 };
}

for (const which of ['tied', 'untied'] as const) {
  describe(`WebGPU trainable token rows vs the CPU model (${which} head)`, { timeout: 300_000 }, () => {
    it('logits, loss, gradients (rows included), 3 AdamW steps, greedy decoding, adapter off, PEFT save/load', async () => {
      const { config, weights, spec, batch, cpu, gpu, ids, V0 } = await setup(which);
      expect(relErr(await gpu.forwardLogits(batch.tokens, batch.B, batch.T), await cpu.forwardLogits(batch.tokens, batch.B, batch.T))).toBeLessThan(1e-4);
      const lc = await lossAndGrad(cpu, batch), lg = await lossAndGrad(gpu, batch);
      expect(Math.abs(lg - lc) / Math.abs(lc)).toBeLessThan(1e-4);
      const gc = await cpu.exportGrads(), gg = await gpu.exportGrads();
      expect([...gg.keys()].sort()).toEqual([...gc.keys()].sort());
      const rowsName = 'base_model.model.model.embed_tokens.token_adapter.trainable_tokens_delta';
      expect(gg.get(rowsName)!.shape).toEqual([ids.length, config.hiddenSize]);
      for (const [k, g] of gc) expect(relErr(gg.get(k)!.data, g.data), k).toBeLessThan(1e-3);
      // every row got a gradient (each id is in the batch; the tied head adds its share to all)
      const rg = gg.get(rowsName)!.data, H = config.hiddenSize;
      for (let k = 0; k < ids.length; k++) expect(rg.subarray(k * H, (k + 1) * H).some((x) => x !== 0), `row ${ids[k]}`).toBe(true);
      // gradient + AdamW memory: the adapter's size (rows included), nothing for the frozen base
      const total = adapterLayout(config, spec).total;
      expect(gpu.trainingBytes).toBeGreaterThanOrEqual(12 * total);
      expect(gpu.trainingBytes).toBeLessThan(12 * (total + 64 * 20));

      const opts = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, maxGradNorm: 1 };
      const lossesC: number[] = [], lossesG: number[] = [];
      for (let i = 0; i < 3; i++) {
        lossesC.push(await lossAndGrad(cpu, batch));
        lossesG.push(await lossAndGrad(gpu, batch));
        await cpu.step(opts);
        await gpu.step(opts);
      }
      expect(relErr(lossesG, lossesC)).toBeLessThan(1e-4);
      const pc = await cpu.exportParams(), pg = await gpu.exportParams();
      expect(relErr(pg.get(rowsName)!.data, pc.get(rowsName)!.data)).toBeLessThan(1e-3);
      // the base stays frozen: exported embed rows outside the ids are the stored values; the ids' rows are the trained ones
      const e0 = llamaFloatWeights(new Map([['e', weights.get('model.embed_tokens.weight')!]])).get('e')!.data;
      const eg = pg.get('model.embed_tokens.weight')!.data;
      expect(eg.subarray(0, 5 * H)).toEqual(e0.subarray(0, 5 * H));
      expect(eg.subarray(V0 * H, (V0 + 1) * H)).toEqual(pg.get(rowsName)!.data.subarray(0, H));

      // greedy decoding with a tag in the prompt
      const prompt = [1, 2, 3, V0 + 1, 4, V0];
      const genOpts = { maxNewTokens: 6, temperature: 0, seed: 0, eosId: -1 };
      expect((await gpu.generate([prompt], genOpts)).tokens).toEqual((await cpu.generate([prompt], genOpts)).tokens);
      // several rows of different lengths decoded together (one batched pass per step), tags in each
      const prompts = [prompt, [V0 + 2, 5], [7, V0 + 1, 8, 9, 10, 11, 12, 2, 3], [V0]];
      expect((await gpu.generate(prompts, genOpts)).tokens).toEqual((await cpu.generate(prompts, genOpts)).tokens);
      // adapter off (the frozen reference): LoRA off, the rows stay
      cpu.setAdapterEnabled(false);
      gpu.setAdapterEnabled(false);
      expect(relErr(await gpu.forwardLogits(batch.tokens, batch.B, batch.T), await cpu.forwardLogits(batch.tokens, batch.B, batch.T))).toBeLessThan(1e-4);
      cpu.setAdapterEnabled(true);
      gpu.setAdapterEnabled(true);

      // save through PEFT's files, load into a new WebGPU model: the same logits
      const ad = (await gpu.exportAdapter())!;
      expect(ad.spec.tokenIds).toEqual(ids);
      const files = peftAdapterFiles(peftAdapterFromParams(config, ad.spec, ad.tensors, 'test-base'));
      expect(JSON.parse(new TextDecoder().decode(files.get('adapter_config.json')!)).trainable_token_indices).toEqual(ids);
      const peft = await readPeftAdapter(memoryFolder('saved', files), config);
      const again = new WebGpuLlamaModel(ctx, config, weights, { adapter: { spec: peft.spec, params: packLora(config, peft.spec, peft.tensors, 'saved') } });
      expect(relErr(await again.forwardLogits(batch.tokens, batch.B, batch.T), await gpu.forwardLogits(batch.tokens, batch.B, batch.T))).toBeLessThan(1e-6);
      again.destroy();
      gpu.destroy();
      cpu.destroy();
    });
  });
}

it('an adapter without its rows starts them from the stored embedding rows (as the CPU), and frees everything', async () => {
  const { config, weights, spec, params, batch } = await setup('tied');
  const lora = params.slice(0, adapterLayout(config, spec).loraTotal);
  const before = ctx.storageBytes;
  const gpu = new WebGpuLlamaModel(ctx, config, weights, { adapter: { spec, params: lora } });
  const cpu = CpuLlamaModel.fromTensors(config, llamaFloatWeights(weights), 'cpu', { spec, params: lora.slice() });
  expect(relErr(await gpu.forwardLogits(batch.tokens, batch.B, batch.T), await cpu.forwardLogits(batch.tokens, batch.B, batch.T))).toBeLessThan(1e-4);
  await lossAndGrad(gpu, batch);
  await gpu.step({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
  gpu.destroy();
  expect(ctx.storageBytes).toBe(before);
  expect(() => new WebGpuLlamaModel(ctx, config, weights, { adapter: { spec, params: lora.slice(1) } })).toThrow(/with 4 token rows needs/);
  expect(ctx.storageBytes).toBe(before);
}, 300_000);
