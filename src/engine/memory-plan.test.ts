// The memory planner against hand counts: the tiny fixture's bytes by part, published parameter
// counts of real checkpoints (Qwen2.5-0.5B 494,032,768; SmolLM2-135M 134,515,008; Llama-3.2-1B
// 1,235,814,400), and refusals that name the part and what to change.
import { describe, expect, it } from 'vitest';
import { parseLlamaConfig, type LlamaConfig } from './hf/config';
import { planMemory, requireFits, type DeviceLimits } from './memory-plan';

const big: DeviceLimits = { maxBufferSize: 2 ** 40, maxStorageBufferBindingSize: 2 ** 40, budgetBytes: 2 ** 40 };
const qwen05 = parseLlamaConfig({
  architectures: ['Qwen2ForCausalLM'], hidden_size: 896, intermediate_size: 4864, num_hidden_layers: 24, num_attention_heads: 14,
  num_key_value_heads: 2, max_position_embeddings: 32768, vocab_size: 151936, rope_theta: 1e6, rms_norm_eps: 1e-6, tie_word_embeddings: true,
}, 'qwen2.5-0.5b');
const smol = parseLlamaConfig({
  architectures: ['LlamaForCausalLM'], hidden_size: 576, intermediate_size: 1536, num_hidden_layers: 30, num_attention_heads: 9,
  num_key_value_heads: 3, max_position_embeddings: 8192, vocab_size: 49152, rope_theta: 1e5, rms_norm_eps: 1e-5, tie_word_embeddings: true,
}, 'smollm2-135m');
const llama1b = parseLlamaConfig({
  architectures: ['LlamaForCausalLM'], hidden_size: 2048, intermediate_size: 8192, num_hidden_layers: 16, num_attention_heads: 32,
  num_key_value_heads: 8, head_dim: 64, max_position_embeddings: 131072, vocab_size: 128256, rope_theta: 5e5, tie_word_embeddings: true,
  rope_scaling: { rope_type: 'llama3', factor: 32, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192 },
}, 'llama-3.2-1b');
const part = (p: ReturnType<typeof planMemory>, n: string) => p.parts.find((x) => x.name === n)?.bytes;

describe('memory plan', () => {
  it('weights match published parameter counts, by dtype', () => {
    const base = { training: 'none' as const, batch: 0, seqLen: 0, limits: big };
    expect(part(planMemory({ ...base, config: qwen05, weightDtype: 'BF16' }), 'weights')).toBe(2 * 494_032_768);
    expect(part(planMemory({ ...base, config: smol, weightDtype: 'F32' }), 'weights')).toBe(4 * 134_515_008);
    expect(part(planMemory({ ...base, config: llama1b, weightDtype: 'F16' }), 'weights')).toBe(2 * 1_235_814_400);
  });

  it('LoRA, gradients, optimizer, activations, logits and KV cache by hand (qwen2.5-0.5b shapes)', () => {
    const lora = { r: 8, alpha: 16, targets: ['q_proj' as const, 'v_proj' as const] };
    const p = planMemory({ config: qwen05, weightDtype: 'BF16', training: 'lora', lora, batch: 2, seqLen: 64, kvRows: 4, kvLength: 128, limits: big });
    // q: r (896 + 896), v: r (896 + 128) per layer
    const n = 24 * 8 * (896 + 896 + 896 + 128);
    expect(part(p, 'lora')).toBe(4 * n);
    expect(part(p, 'gradients')).toBe(4 * n);
    expect(part(p, 'optimizer')).toBe(8 * n);
    expect(part(p, 'logits')).toBe(3 * 4 * 128 * 151936);
    expect(part(p, 'kvCache')).toBe(2 * 24 * 4 * 4 * 128 * 128);
    const perTok = 6 * 896 + 2 * 896 + 3 * 128 + 3 * 4864 + 2 + 8 * 2;
    expect(part(p, 'activations')).toBe(4 * (24 * (128 * perTok + 2 * 14 * 64 * 64) + 2 * 128 * 896 + 128));
    expect(p.total).toBe(p.parts.reduce((a, x) => a + x.bytes, 0));
    expect(p.fits).toBe(true);
  });

  it('KV cache of the batched decoder by hand: shared cache, activations for max(prompt, group), group logits, growth', () => {
    const lora = { r: 8, alpha: 16, targets: ['q_proj' as const, 'v_proj' as const] };
    const perTok = 4 * 896 + 2 * 896 + 2 * 128 + 3 * 4864 + 2 + 8 * 2; // two layers' activations, used in turn
    // 32 rows, prompt 200, 256 long: capacity 256 from the start; a 4 MiB binding limit holds 6 rows of
    // 151936 logits, so steps go in groups of 6; one layer's keys of all rows are 4 MiB (= the limit)
    const limits: DeviceLimits = { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 22, budgetBytes: 2 ** 40 };
    const p = planMemory({ config: qwen05, weightDtype: 'BF16', training: 'lora', lora, batch: 0, seqLen: 0, kvRows: 32, kvLength: 256, kvPrompt: 200, limits });
    const kv = p.parts.find((x) => x.name === 'kvCache')!;
    const acts = 4 * (2 * 200 * perTok + 3 * 200 * 896 + 4 * 200 + 6 * 151936 + 896);
    expect(kv.bytes).toBe(2 * 24 * 32 * 4 * 256 * 128 + acts + 4 * 200 * 14 * 256);
    expect(kv.largest).toEqual({ what: "all 32 rows' keys of one layer", bytes: 4 * 32 * 256 * 128 });
    expect(p.problems.filter((m) => m.startsWith('kvCache'))).toEqual([]);
    // 4 rows, prompt 10, 100 long: capacity 32 -> 64 -> 128; the peak holds the 64 and 128 caches at once
    const g = planMemory({ config: qwen05, weightDtype: 'BF16', training: 'lora', lora, batch: 0, seqLen: 0, kvRows: 4, kvLength: 100, kvPrompt: 10, limits: big });
    const cache = (cap: number) => 2 * 24 * 4 * 4 * cap * 128;
    const acts4 = 4 * (2 * 10 * perTok + 3 * 10 * 896 + 4 * 10 + 4 * 151936 + 896);
    expect(g.parts.find((x) => x.name === 'kvCache')!.bytes).toBe(cache(128) + cache(64) + acts4 + 4 * Math.max(10 * 14 * 32, 4 * 14 * 64));
  });

  it('refuses naming the part and what to change', () => {
    const limits: DeviceLimits = { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 27, budgetBytes: 2 ** 31 };
    // full fine-tuning: embedding gradient of 151936 x 896 f32 (519 MiB) cannot be bound whole
    const full = planMemory({ config: qwen05, weightDtype: 'BF16', training: 'full', batch: 1, seqLen: 32, limits });
    expect(full.fits).toBe(false);
    expect(full.problems.join('\n')).toMatch(/gradients: model.embed_tokens.weight needs a binding of 519.\d MiB, more than the device's maxStorageBufferBindingSize 128.0 MiB; train with LoRA instead of full fine-tuning/);
    // bf16 weights alone fit the budget (splitting the embedding), LoRA r 8 on q, v, batch 1 x 32
    const ok = planMemory({ config: qwen05, weightDtype: 'BF16', training: 'lora', lora: { r: 8, alpha: 16, targets: ['q_proj', 'v_proj'] }, batch: 1, seqLen: 32, limits });
    expect(ok.problems).toEqual([]);
    // a long batch: the logits buffer exceeds maxBufferSize
    const long = planMemory({ config: qwen05, weightDtype: 'BF16', training: 'lora', lora: { r: 8, alpha: 16, targets: ['q_proj'] }, batch: 8, seqLen: 512, limits });
    expect(long.problems[0]).toMatch(/^logits: logits \[8, 512, 151936\] needs one buffer of 2.32 GiB, more than the device's maxBufferSize 1.00 GiB; lower the batch size or the sequence length/);
    expect(() => requireFits({ config: qwen05, weightDtype: 'F32', training: 'none', batch: 1, seqLen: 8, limits: { ...big, budgetBytes: 2 ** 30 } }))
      .toThrow(/Qwen2ForCausalLM does not fit: total 1.8\d GiB exceeds the budget of 1.00 GiB; the largest part is weights \(1.84 GiB\): choose a smaller model or keep the weights in bf16\/f16/);
    expect(() => planMemory({ config: qwen05 as LlamaConfig, weightDtype: 'BF16', training: 'lora', batch: 1, seqLen: 1, limits })).toThrow('needs the LoRA spec');
  });
});
