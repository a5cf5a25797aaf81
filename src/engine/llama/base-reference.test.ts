// The LoRA policy's frozen KL reference is its base with the adapter switched off: on the CPU model
// with the qwen2-tiny fixture's PEFT adapter, baseReference gives the fixture's base logits (from
// transformers, 1e-4 relative), the policy keeps the fixture's LoRA logits before and after, a
// backward after a reference forward gives the same adapter gradients as without it, and the
// reference refuses to train.
import { describe, expect, it } from 'vitest';
import { adapterTensors, baseReference, isLoraPolicy } from './base-reference';
import { loadQwen2WithAdapter, relErr } from './qwen2-fixture-helpers';
import { createFamilyModel } from './create-family-model';

describe('baseReference (LoRA KL reference without a second copy)', () => {
  it('CPU: base logits with the adapter off, LoRA logits with it on, gradients unaffected', async () => {
    const f = await loadQwen2WithAdapter();
    const policy = await createFamilyModel('cpu', { config: f.hf.config, weights: f.hf.weights, adapter: f.adapter });
    expect(isLoraPolicy(policy)).toBe(true);
    if (!isLoraPolicy(policy)) return;
    const ref = baseReference(policy);
    const base = f.expected.get('logits')!.data;
    const lora = f.expected.get('lora.logits')!.data;
    expect(relErr(await policy.forwardLogits(f.tokens, f.B, f.T), lora)).toBeLessThan(1e-4);
    expect(relErr(await ref.forwardLogits(f.tokens, f.B, f.T), base)).toBeLessThan(1e-4);
    // the adapter's effect is far above the tolerance, so the two checks cannot both pass by accident
    expect(relErr(lora, base)).toBeGreaterThan(1e-2);
    expect(relErr(await policy.forwardLogits(f.tokens, f.B, f.T), lora)).toBeLessThan(1e-4);

    const batch = { B: f.B, T: f.T, tokens: f.tokens, targets: f.targets };
    const d = new Float32Array(f.B * f.T).map((_, i) => (f.targets[i] >= 0 ? -1 / (f.B * (f.T - 1)) : 0));
    policy.zeroGrad();
    await policy.forwardLogprobs(batch);
    await policy.backwardLogprobs(d);
    const plain = await policy.exportGrads();
    policy.zeroGrad();
    const refLp = await ref.forwardLogprobs(batch); // as the GRPO update does: reference, then policy
    await policy.forwardLogprobs(batch);
    await policy.backwardLogprobs(d);
    const after = await policy.exportGrads();
    for (const [k, g] of plain) expect(Array.from(after.get(k)!.data), k).toEqual(Array.from(g.data));
    // the reference's log-probs are the base model's: mean next-token NLL = the fixture's base loss
    let nll = 0, n = 0;
    f.targets.forEach((t, i) => { if (t >= 0) { nll -= refLp.logprobs[i]; n++; } });
    expect(Math.abs(nll / n - f.expected.get('loss')!.data[0])).toBeLessThan(1e-4 * Math.abs(f.expected.get('loss')!.data[0]) + 1e-5);

    await expect(ref.step({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 })).rejects.toThrow(/frozen/);
    await expect(ref.exportParams()).rejects.toThrow(/frozen/);
    const tensors = await adapterTensors(policy);
    expect([...tensors.keys()].every((k) => k.startsWith('base_model.model.') && /lora_[AB]\.weight$/.test(k))).toBe(true);
    expect(tensors.size).toBe(f.peft.tensors.size);
    policy.destroy();
  });

  it('a model without an adapter is not a LoRA policy', async () => {
    const f = await loadQwen2WithAdapter();
    const full = await createFamilyModel('cpu', { config: f.hf.config, weights: f.hf.weights });
    expect(isLoraPolicy(full)).toBe(false);
  });
});
