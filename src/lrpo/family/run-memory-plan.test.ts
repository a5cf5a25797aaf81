// The run's memory plan: the planner's parts for the update pass and the rollout KV cache sized
// from the run options (hand counts for Qwen2.5-0.5B with LoRA r 16 on all-linear, n = 8,
// 128-token responses, chat mode; tag mode adds the 15 tag rows to the vocabulary and to what
// trains), and refusals naming the run options to change.
import { describe, expect, it } from 'vitest';
import { FAMILY_SHAPES } from '../../engine/bench/family-shapes';
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
    // keys and values of 32 rows x 256 positions (the decoder's capacity for a 128-token prompt + 128),
    // and beside them activations for max(128-token prompt, 32 rows a step): two layers' worth (per
    // token: 4 H + 2 q + 2 kv + 3 I + 2 rstd + 7 LoRA ranks), embedded / o-down scratch / final norm,
    // 4 index and rstd rows, the 32 decoded rows' logits, the last prompt row, and the attention scores
    // of the prompt pass [128, 14 heads, 256] (larger than a step's [32, 14, 256])
    const perTok = 4 * 896 + 2 * 896 + 2 * 128 + 3 * 4864 + 2 + 16 * 7;
    const promptPass = 4 * (2 * 128 * perTok + 3 * 128 * 896 + 4 * 128 + 32 * 151936 + 896 + 128 * 14 * 256);
    expect(part('kvCache')).toBe(2 * 24 * 4 * 32 * 256 * 128 + promptPass);
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
  it('the same run refused on an 8 GiB budget (9.50 GiB planned), naming the largest part and the options', () => {
    const p = planRunMemory(run(), qwen05, 'BF16', { ...gpu, budgetBytes: 8 * 2 ** 30 });
    expect(p.total).toBeGreaterThan(9.5 * 2 ** 30);
    expect(p.problems).toEqual([expect.stringMatching(/^total 9\.50 GiB exceeds the budget of 8\.00 GiB; the largest part is activations .*\(run options: actor\.ppo_micro_batch_size \(responses per pass, now 0 = the whole mini-batch of 8; 4 fits\), actor\.ppo_mini_batch_size/)]);
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

describe('planRunMemory: the warm-start SFT pass (sft.steps > 0)', () => {
  // tag mode adds 15 tags: the vocabulary is 151951
  const V = 151936 + 15;
  const tagRun = (sft: Partial<ReturnType<typeof run>['sft']>) => {
    const c = run();
    c.data.instruction_mode = 'tag';
    c.sft = { ...c.sft, steps: 10, ...sft };
    return c;
  };
  // the studio's limits: the adapter's buffer and binding sizes, no budget
  const studio = { ...gpu, budgetBytes: Infinity };
  const part = (p: { parts: { name: string; bytes: number }[] }, n: string) => p.parts.find((x) => x.name === n)!.bytes;
  /** memory-plan.ts's activations of B rows x T tokens on Qwen2.5-0.5B with LoRA r 16 on 7 targets, by hand */
  const activations = (B: number, T: number) => {
    const perTokenLayer = 6 * 896 + 2 * 896 + 3 * 128 + 3 * 4864 + 2 + 16 * 7;
    return 4 * (24 * (B * T * perTokenLayer + B * 14 * T * T) + B * T * (2 * 896 + 1));
  };

  it('plans the larger pass: sft.batch_size items of up to max_prompt_length + max_response_length - 1 positions (the SFT\'s packing)', () => {
    const noSft = planRunMemory({ ...tagRun({}), sft: { ...tagRun({}).sft, steps: 0 } }, qwen05, 'BF16', studio);
    expect([noSft.sft, noSft.pass]).toEqual([null, 'update']);
    const p = planRunMemory(tagRun({}), qwen05, 'BF16', { ...studio, maxStorageBufferBindingSize: 2 ** 32 });
    // the update pass is 8 responses x 256 tokens; the SFT's default batch of 16 items x 255 positions is larger
    expect(p.update).toEqual({ rows: 8, tokens: 256 });
    expect(p.sft).toEqual({ rows: 16, tokens: 255 });
    expect(p.pass).toBe('sft');
    expect(part(p, 'logits')).toBe(3 * 4 * 16 * 255 * V);
    expect(part(p, 'activations')).toBe(activations(16, 255));
    for (const n of ['weights', 'lora', 'gradients', 'optimizer', 'kvCache']) expect(part(p, n), n).toBe(part(noSft, n));
    expect(p.fits).toBe(true);
    // the SFT micro-batch: 4 items per pass are smaller than the update pass, which is planned again
    const micro = planRunMemory(tagRun({ micro_batch_size: 4 }), qwen05, 'BF16', studio);
    expect([micro.sft, micro.pass]).toEqual([{ rows: 4, tokens: 255 }, 'update']);
    expect(micro.parts).toEqual(noSft.parts);
  });

  it('an SFT pass that does not fit is refused naming sft.micro_batch_size with the largest that fits', () => {
    // logits [16, 255, 151951] in float32: 2,479,840,320 bytes = 2.31 GiB > the 2 GiB binding; 8 items: 1.15 GiB
    expect(4 * 16 * 255 * V).toBe(2_479_840_320);
    const p = planRunMemory(tagRun({}), qwen05, 'BF16', studio);
    expect(p.fits).toBe(false);
    expect(p.problems).toEqual([expect.stringMatching(
      /^logits: logits \[16, 255, 151951\] needs a binding of 2\.31 GiB, more than the device's maxStorageBufferBindingSize 2\.00 GiB; .* \(run options: sft\.micro_batch_size \(sequences per pass, now 0 = the whole batch of 16; 8 fits\), sft\.batch_size or data\.max_response_length \/ max_prompt_length\)$/,
    )]);
    expect(planRunMemory(tagRun({ micro_batch_size: 8 }), qwen05, 'BF16', studio).fits).toBe(true);
    // a set micro-batch that is still too large is named as set (on a 1 GiB binding the update pass,
    // 8 x 256 > 8 x 255, is now the larger and refused first: its logits are 1.16 GiB)
    expect(planRunMemory(tagRun({ micro_batch_size: 8 }), qwen05, 'BF16', { ...studio, maxStorageBufferBindingSize: 2 ** 30 }).problems).toEqual([
      expect.stringMatching(/^logits: logits \[8, 256, 151951\] needs a binding of 1\.16 GiB.*actor\.ppo_micro_batch_size \(responses per pass, now 0 = the whole mini-batch of 8; 4 fits\)/),
      expect.stringMatching(/^SFT pass \(8 x 255 tokens\), logits: logits \[8, 255, 151951\] needs a binding of 1\.15 GiB.*sft\.micro_batch_size \(sequences per pass, now 8; 4 fits\)/),
    ]);
    // only divisors of sft.batch_size are offered
    expect(planRunMemory(tagRun({ batch_size: 15 }), qwen05, 'BF16', { ...studio, maxStorageBufferBindingSize: 2 ** 30 }).problems[0])
      .toMatch(/sft\.micro_batch_size \(sequences per pass, now 0 = the whole batch of 15; 5 fits\)/); // 5 x 255 x V x 4 = 0.72 GiB; 15 / 2 is not whole
  });

  it('when both passes are too large, each refusal names its own micro-batch', () => {
    const c = tagRun({});
    c.actor.ppo_mini_batch_size = 4; // 32 responses x 256 tokens: the update pass is the larger
    const p = planRunMemory(c, qwen05, 'BF16', { ...studio, maxBufferSize: 2 ** 30 });
    expect(p.pass).toBe('update');
    expect(p.problems).toEqual([
      expect.stringMatching(/^logits: logits \[32, 256, 151951\] needs one buffer of .*\(run options: actor\.ppo_micro_batch_size \(responses per pass, now 0 = the whole mini-batch of 32; 4 fits\), actor\.ppo_mini_batch_size/),
      expect.stringMatching(/^SFT pass \(16 x 255 tokens\), logits: logits \[16, 255, 151951\] needs one buffer of .*\(run options: sft\.micro_batch_size \(sequences per pass, now 0 = the whole batch of 16; 4 fits\), sft\.batch_size/),
    ]);
    // a total over budget with the SFT pass the larger (17.66 GiB): its largest part is the SFT's
    // activations; the update pass alone (9.50 GiB) is over the budget too
    const budget = planRunMemory(tagRun({}), qwen05, 'BF16', { maxBufferSize: 2 ** 40, maxStorageBufferBindingSize: 2 ** 40, budgetBytes: 8 * 2 ** 30 });
    expect(budget.problems).toEqual([
      expect.stringMatching(/^total 17\.66 GiB exceeds the budget of 8\.00 GiB; the largest part is activations .*\(run options: sft\.micro_batch_size \(sequences per pass, now 0 = the whole batch of 16; 4 fits\)/),
      expect.stringMatching(/^update pass \(8 x 256 tokens\), total 9\.50 GiB exceeds .*\(run options: actor\.ppo_micro_batch_size \(responses per pass, now 0 = the whole mini-batch of 8; 4 fits\)/),
    ]);
  });

  it('the README\'s figures: Qwen2.5-0.5B (family-shapes.ts) in tag mode, 80-token prompts, 128-token responses, n 8, mini-batch 4 in micro-batches of 4', () => {
    const c = tagRun({ steps: 200 });
    c.data.max_prompt_length = 80;
    c.actor.ppo_mini_batch_size = 4;
    c.actor.ppo_micro_batch_size = 4;
    const limits = { maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 30, budgetBytes: Infinity };
    const at = (micro: number) => planRunMemory({ ...c, sft: { ...c.sft, micro_batch_size: micro } }, FAMILY_SHAPES['qwen2.5-0.5b'], 'BF16', limits);
    const gib = (n: number) => (n / 2 ** 30).toFixed(2);
    const whole = at(0);
    expect([whole.pass, whole.sft]).toEqual(['sft', { rows: 16, tokens: 207 }]);
    expect([gib(whole.total), gib(part(whole, 'activations')), gib(part(whole, 'logits'))]).toEqual(["14.46", "7.47", "5.62"]);
    expect(whole.problems).toEqual([expect.stringMatching(/^logits: logits \[16, 207, 151951\] needs a binding of 1\.87 GiB, .*sft\.micro_batch_size \(sequences per pass, now 0 = the whole batch of 16; 8 fits\)/)]);
    expect([at(8).pass, gib(at(8).total), at(8).fits]).toEqual(['sft', '7.91', true]);
    expect([at(4).pass, gib(at(4).total), at(4).fits]).toEqual(['update', '4.66', true]);
  });
});
