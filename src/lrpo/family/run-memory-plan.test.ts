// The run's memory plan: the planner's parts for the update pass and the rollout KV cache sized
// from the run options (hand counts for Qwen2.5-0.5B with LoRA r 16 on all-linear, n = 8,
// 128-token responses, chat mode; tag mode adds the 15 tag rows to the vocabulary and to what
// trains), and refusals naming the run options to change.
import { describe, expect, it } from 'vitest';
import { parseLlamaConfig } from '../../engine/hf/config';
import type { DeviceLimits } from '../../engine/memory-plan';
import { defaultRunConfig } from '../config';
import { planRunMemory } from './run-memory-plan';

const qwen05 = parseLlamaConfig({
  architectures: ['Qwen2ForCausalLM'], hidden_size: 896, intermediate_size: 4864, num_hidden_layers: 24, num_attention_heads: 14,
  num_key_value_heads: 2, max_position_embeddings: 32768, vocab_size: 151936, rope_theta: 1e6, rms_norm_eps: 1e-6, tie_word_embeddings: true,
}, 'qwen2.5-0.5b');
const gpu: DeviceLimits = { maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31, budgetBytes: 16 * 2 ** 30 };

function run() {
  const c = defaultRunConfig();
  c.model.path = 'Qwen/Qwen2.5-0.5B-Instruct';
  c.model.lora_rank = 16;
  c.model.lora_alpha = 32;
  c.actor.rollout_n = 8;
  c.data.max_response_length = 128;
  c.data.max_prompt_length = 128;
  c.data.train_batch_size = 4;
  c.actor.ppo_mini_batch_size = 1;
  c.data.instruction_mode = 'chat';
  return c;
}

describe('planRunMemory', () => {
  it('Qwen2.5-0.5B, LoRA r 16 all-linear, n 8, 128-token responses: hand-counted parts', () => {
    const p = planRunMemory(run(), qwen05, 'BF16', gpu);
    const part = (n: string) => p.parts.find((x) => x.name === n)!.bytes;
    expect(part('weights')).toBe(2 * 494_032_768);
    // LoRA r (in + out) per projection per layer: q 896+896, k 896+128, v 896+128, o 896+896, gate/up 896+4864, down 4864+896
    const perLayer = 16 * ((896 + 896) + (896 + 128) * 2 + (896 + 896) + 3 * (896 + 4864));
    expect(part('lora')).toBe(4 * 24 * perLayer);
    expect(part('optimizer')).toBe(8 * 24 * perLayer);
    expect(p.update).toEqual({ rows: 8, tokens: 256 });
    expect(part('logits')).toBe(3 * 4 * 8 * 256 * 151936);
    expect(p.kv).toEqual({ rows: 32, length: 256 });
    expect(part('kvCache')).toBe(2 * 24 * 4 * 32 * 256 * 128);
    expect(p.fits).toBe(true);
  });

  it('tag mode: the vocabulary with the 15 tags, their rows trained with LoRA', () => {
    const chat = planRunMemory(run(), qwen05, 'BF16', gpu);
    const c = run();
    c.data.instruction_mode = 'tag';
    const tag = planRunMemory(c, qwen05, 'BF16', gpu);
    const diff = (n: string) => tag.parts.find((x) => x.name === n)!.bytes - chat.parts.find((x) => x.name === n)!.bytes;
    expect(diff('weights')).toBe(2 * 15 * 896);
    expect(diff('lora')).toBe(4 * 15 * 896);
    expect(diff('optimizer')).toBe(8 * 15 * 896);
    expect(diff('logits')).toBe(3 * 4 * 8 * 256 * 15);
  });

  it('refuses with the run options to change', () => {
    const c = run();
    c.actor.ppo_mini_batch_size = 4;
    const p = planRunMemory(c, qwen05, 'BF16', { ...gpu, maxBufferSize: 2 ** 30 });
    expect(p.fits).toBe(false);
    // the update pass (4 x 8 = 32 rows) does not fit: the micro-batch is named first, with the largest that fits
    expect(p.problems[0]).toMatch(/^logits: .* \(run options: actor\.ppo_micro_batch_size \(responses per pass, now 0 = the whole mini-batch of 32; 4 fits\), actor\.ppo_mini_batch_size, actor\.rollout_n or data\.max_response_length/);
    c.actor.ppo_micro_batch_size = 4;
    expect(planRunMemory(c, qwen05, 'BF16', { ...gpu, maxBufferSize: 2 ** 30 }).fits).toBe(true);
    c.actor.ppo_micro_batch_size = 0;
    c.data.max_response_length = 40_000;
    expect(planRunMemory(c, qwen05, 'BF16', gpu).problems[0]).toMatch(/exceeds the model's context of 32768 tokens/);
  });
});

describe('planRunMemory: the budget', () => {
  it('the same run refused on an 8 GiB budget (9.46 GiB planned), naming the largest part and the options', () => {
    const p = planRunMemory(run(), qwen05, 'BF16', { ...gpu, budgetBytes: 8 * 2 ** 30 });
    expect(p.total).toBeGreaterThan(9.4 * 2 ** 30);
    expect(p.problems).toEqual([expect.stringMatching(/^total 9\.4\d GiB exceeds the budget of 8\.00 GiB; the largest part is activations .*\(run options: actor\.ppo_micro_batch_size \(responses per pass, now 0 = the whole mini-batch of 8; 4 fits\), actor\.ppo_mini_batch_size/)]);
  });

  it('a total over budget whose largest part is not the update pass names that part\'s options', () => {
    const p = planRunMemory(run(), qwen05, 'BF16', { ...gpu, budgetBytes: 2 ** 20 });
    const c = run();
    c.actor.ppo_micro_batch_size = 1;
    const small = planRunMemory(c, qwen05, 'BF16', { ...gpu, budgetBytes: 2 ** 30 });
    // one response per pass: the weights (942 MiB) are the largest part, the micro-batch cannot help
    expect(small.problems).toEqual([expect.stringMatching(/the largest part is weights .*\(run options: a smaller model \(model\.path\)\)$/)]);
    // nothing fits 1 MiB: the micro-batch is named, and that not even 1 fits
    expect(p.problems[0]).toMatch(/actor\.ppo_micro_batch_size \(now 0 = the whole mini-batch of 8; not even 1 fits\)/);
  });
});

describe('planRunMemory: micro-batches (actor.ppo_micro_batch_size)', () => {
  it('plans one pass of the micro-batch: activations and logits proportional to its rows, the rest unchanged', () => {
    const whole = run();
    whole.actor.ppo_mini_batch_size = 4; // 32 responses per mini-batch
    const at = (micro: number) => {
      const c = structuredClone(whole);
      c.actor.ppo_micro_batch_size = micro;
      return planRunMemory(c, qwen05, 'BF16', gpu);
    };
    const part = (p: ReturnType<typeof at>, n: string) => p.parts.find((x) => x.name === n)!.bytes;
    const four = at(4);
    expect(four.update).toEqual({ rows: 4, tokens: 256 });
    expect(at(0).update).toEqual({ rows: 32, tokens: 256 });
    const one = at(1);
    expect(part(four, 'activations')).toBe(4 * part(one, 'activations'));
    expect(part(at(0), 'activations')).toBe(32 * part(one, 'activations'));
    expect(part(four, 'logits')).toBe(3 * 4 * 4 * 256 * 151936);
    // hand count of one row's activations (memory-plan.ts's layout): per token and layer 6H + 2QD + 3KD + 3I + 2 + r x 7 targets,
    // attention 14 heads x 256², plus 2H + 1 per token
    const perTokenLayer = 6 * 896 + 2 * 896 + 3 * 128 + 3 * 4864 + 2 + 16 * 7;
    expect(part(one, 'activations')).toBe(4 * (24 * (256 * perTokenLayer + 14 * 256 * 256) + 256 * (2 * 896 + 1)));
    for (const n of ['weights', 'lora', 'gradients', 'optimizer', 'kvCache']) expect(part(four, n), n).toBe(part(at(0), n));
  });
});
