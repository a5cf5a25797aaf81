// The CPU Llama-family backward against central finite differences on the loss, for shapes the
// fixtures do not cover: an untied LM head, MQA (one key/value head), bias on q/k/v and o
// (Llama attention_bias), Qwen3 q/k norms with head_dim != hidden / heads, llama3 RoPE beyond the
// original context, and LoRA on a subset of projections. float32 model: perturbation 2e-3 (weights
// drawn std 0.3), tolerance 2% of the tensor's largest gradient + 5e-4 absolute (float32 round-off).
import { describe, expect, it } from 'vitest';
import { parseLlamaConfig, type LlamaConfig } from '../hf/config';
import type { TokenBatch } from '../model-api';
import { Rng } from '../rng';
import { CpuLlamaModel } from './cpu-model';
import { initLlamaParams } from './init';
import { initLora, loraLayout, type LoraSpec } from './lora';
import { resizeTokenEmbeddings } from './resize';
import { flatLayout } from './weights';

function cfg(over: Record<string, unknown>): LlamaConfig {
  return parseLlamaConfig({
    architectures: ['LlamaForCausalLM'], hidden_size: 16, intermediate_size: 24, num_hidden_layers: 2, num_attention_heads: 4,
    num_key_value_heads: 2, max_position_embeddings: 16, vocab_size: 11, rms_norm_eps: 1e-5, rope_theta: 100, ...over,
  }, 'test config');
}

function batch(c: LlamaConfig, B: number, T: number, seed: number): TokenBatch {
  const rng = new Rng(seed);
  const tokens = Int32Array.from({ length: B * T }, () => rng.int(c.vocabSize));
  const targets = new Int32Array(B * T).fill(-1);
  for (let b = 0; b < B; b++) for (let t = 0; t < T - 1; t++) targets[b * T + t] = tokens[b * T + t + 1];
  return { B, T, tokens, targets };
}

async function loss(m: CpuLlamaModel, b: TokenBatch): Promise<number> {
  const { logprobs } = await m.forwardLogprobs(b);
  let s = 0, n = 0;
  for (let i = 0; i < b.targets.length; i++) if (b.targets[i] >= 0) { s += logprobs[i]; n++; }
  return -s / n;
}

/** checks `names` (all by default) of the model's trainable tensors at a few coordinates each */
async function check(m: CpuLlamaModel, b: TokenBatch, seed: number): Promise<number> {
  await m.lossAndGradCrossEntropy(b);
  const grads = await m.exportGrads();
  const params = await m.exportParams();
  const rng = new Rng(seed);
  const h = 2e-3;
  let checked = 0;
  for (const [name, g] of grads) {
    let gmax = 0, arg = 0;
    for (let i = 0; i < g.data.length; i++) if (Math.abs(g.data[i]) > gmax) { gmax = Math.abs(g.data[i]); arg = i; }
    for (const i of [arg, rng.int(g.data.length), rng.int(g.data.length)]) {
      const p = params.get(name)!;
      const orig = p.data[i];
      p.data[i] = orig + h;
      await m.importParams(name.startsWith('base_model') ? onlyAdapter(params) : onlyBase(params));
      const up = await loss(m, b);
      p.data[i] = orig - h;
      await m.importParams(name.startsWith('base_model') ? onlyAdapter(params) : onlyBase(params));
      const down = await loss(m, b);
      p.data[i] = orig;
      await m.importParams(name.startsWith('base_model') ? onlyAdapter(params) : onlyBase(params));
      const fd = (up - down) / (2 * h);
      expect(Math.abs(fd - g.data[i]), `${name}[${i}]: fd ${fd} vs ${g.data[i]}`).toBeLessThan(0.02 * gmax + 5e-4);
      checked++;
    }
  }
  return checked;
}
const onlyBase = (p: Map<string, { shape: number[]; data: Float32Array }>) => new Map([...p].filter(([k]) => !k.startsWith('base_model')));
const onlyAdapter = (p: Map<string, { shape: number[]; data: Float32Array }>) => new Map([...p].filter(([k]) => k.startsWith('base_model')));

const wide = (c: LlamaConfig, seed: number) => initLlamaParams(c, seed, 0.3);

describe('Llama-family gradients vs finite differences', () => {
  const cases: [string, LlamaConfig][] = [
    ['untied head, MQA, attention_bias (q/k/v/o bias)', cfg({ tie_word_embeddings: false, num_key_value_heads: 1, attention_bias: true })],
    ['Qwen2 q/k/v bias, GQA', cfg({ architectures: ['Qwen2ForCausalLM'], tie_word_embeddings: true })],
    ['Qwen3 q/k norm, head_dim 6 != 16 / 4, MHA', cfg({ architectures: ['Qwen3ForCausalLM'], head_dim: 6, num_key_value_heads: 4 })],
    ['llama3 RoPE, T beyond original_max_position_embeddings', cfg({ rope_parameters: { rope_type: 'llama3', rope_theta: 500, factor: 4, low_freq_factor: 1, high_freq_factor: 2, original_max_position_embeddings: 4 } })],
  ];
  for (const [what, c] of cases) {
    it(`full model: ${what}`, async () => {
      const m = new CpuLlamaModel(c, wide(c, 1));
      const n = await check(m, batch(c, 2, 7, 2), 3);
      expect(n).toBe(3 * flatLayout(c).entries.length);
    });
  }

  it('LoRA on k/o/up only, base frozen: adapter gradients', async () => {
    const c = cases[0][1];
    const spec: LoraSpec = { r: 3, alpha: 5, targets: ['k_proj', 'o_proj', 'up_proj'] };
    const params = initLora(c, spec, 4);
    // PEFT starts B at zero; draw it non-zero so A's gradient is not trivially zero
    const rng = new Rng(9);
    for (const e of loraLayout(c, spec).entries) if (e.which === 'B') for (let i = 0; i < e.size; i++) params[e.offset + i] = 0.3 * rng.normal();
    const m = new CpuLlamaModel(c, wide(c, 1), { spec, params });
    const n = await check(m, batch(c, 2, 6, 5), 6);
    expect(n).toBe(3 * 2 * 3 * c.nLayer);
    expect(m.trainingBytes).toBe(12 * loraLayout(c, spec).total);
  });

  for (const tied of [true, false]) {
    it(`LoRA + trainable token rows after an embedding resize (${tied ? 'tied head' : 'untied head'})`, async () => {
      const c0 = tied ? cases[1][1] : cases[0][1];
      const flat = wide(c0, 1);
      const named = new Map(flatLayout(c0).entries.map((e) => [e.name, { shape: e.shape, data: flat.slice(e.offset, e.offset + e.size) }]));
      const { config: c, tensors } = resizeTokenEmbeddings(c0, named, c0.vocabSize + 2);
      expect(c.vocabSize).toBe(13);
      const e = tensors.get('model.embed_tokens.weight')!.data;
      const H = c.hiddenSize;
      let mean0 = 0;
      for (let v = 0; v < 11; v++) mean0 += e[v * H];
      expect(e[11 * H]).toBeCloseTo(mean0 / 11, 5);
      const spec: LoraSpec = { r: 2, alpha: 4, targets: ['q_proj', 'down_proj'], tokenIds: [11, 3, 12] };
      const m = CpuLlamaModel.fromTensors(c, tensors, 'resized', { spec, params: initLora(c, spec, 2) });
      // rows start as the embedding's, A and B PEFT-initialized; a batch that uses the new ids
      const b = batch(c, 2, 6, 5);
      b.tokens[1] = 11; b.tokens[7] = 12; b.targets[0] = 11; b.targets[8] = 12;
      const n = await check(m, b, 8);
      expect(n).toBe(3 * (2 * 2 * c.nLayer + 1));
      // training moves only those rows of the embedding
      const before = (await m.exportParams()).get('model.embed_tokens.weight')!.data.slice();
      for (let i = 0; i < 3; i++) {
        await m.lossAndGradCrossEntropy(b);
        await m.step({ lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      }
      const after = (await m.exportParams()).get('model.embed_tokens.weight')!.data;
      for (let v = 0; v < c.vocabSize; v++) {
        const moved = after.subarray(v * H, (v + 1) * H).some((x, i) => x !== before[v * H + i]);
        expect(moved, `row ${v}`).toBe([11, 3, 12].includes(v));
      }
    });
  }

  it('full fine-tuning AdamW lowers the loss; gradients are allocated only with the first backward', async () => {
    const c = cases[1][1];
    const m = new CpuLlamaModel(c, initLlamaParams(c, 7));
    expect(m.trainingBytes).toBe(0);
    await m.forwardLogits(batch(c, 1, 4, 1).tokens, 1, 4);
    expect(m.trainingBytes).toBe(0);
    const b = batch(c, 2, 8, 8);
    const first = await m.lossAndGradCrossEntropy(b);
    expect(m.trainingBytes).toBe(12 * flatLayout(c).total);
    for (let i = 0; i < 20; i++) {
      await m.lossAndGradCrossEntropy(b);
      await m.step({ lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    }
    expect(await m.lossAndGradCrossEntropy(b)).toBeLessThan(first * 0.7);
  });
});
