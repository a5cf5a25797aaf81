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
