import { describe, expect, it } from 'vitest';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { defaultRunConfig } from '../config';
import { packSequences } from './sequences';
import { grpoUpdate, miniBatches, type UpdateRow } from './update';

describe('grpoUpdate', () => {
  it('splits rollouts into mini-batches of whole question groups', () => {
    const rows = [0, 0, 1, 1, 2, 2].map((group, i) => ({ group, i }));
    expect(miniBatches(rows, 2).map((b) => b.map((r) => r.i))).toEqual([[0, 1, 2, 3], [4, 5]]);
  });

  it('raises the log-probability of a positive-advantage response and lowers a negative one', async () => {
    const model = new CpuModel({ nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: 20 }, undefined, 3);
    const rows: UpdateRow[] = [
      { prompt: [1, 2], response: [5, 6, 7], group: 0, advantage: 1 },
      { prompt: [1, 2], response: [9, 8, 7], group: 0, advantage: -1 },
    ];
    const packed = packSequences(rows, 0);
    const before = await model.forwardLogprobs(packed.batch);
    for (const r of rows) {
      const T = packed.batch.T;
      const b = rows.indexOf(r);
      r.responseLogprobs = [0, 1, 2].map((j) => before.logprobs[b * T + 1 + j]);
    }
    const actor = { ...defaultRunConfig().actor, lr: 1e-2, use_kl_loss: false, ppo_mini_batch_size: 1, ppo_epochs: 2 };
    const res = await grpoUpdate(model, rows, { actor, padId: 0 });
    expect(res.updates).toBe(2);
    expect(res.skipped).toBe(0);
    expect(res.metrics['actor/grad_norm']).toBeGreaterThan(0);
    const after = await model.forwardLogprobs(packed.batch);
    const sum = (lp: Float32Array, b: number) => [0, 1, 2].reduce((a, j) => a + lp[b * packed.batch.T + 1 + j], 0);
    expect(sum(after.logprobs, 0)).toBeGreaterThan(sum(before.logprobs, 0));
    expect(sum(after.logprobs, 1)).toBeLessThan(sum(before.logprobs, 1));
  });

  it('traces each row\'s response tokens: old log-probs and entropies of the policy before, log-probs after (independent forward passes)', async () => {
    const cfg = { nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: 20 };
    const model = new CpuModel(cfg, undefined, 3);
    const twin = new CpuModel(cfg, undefined, 3);
    // groups out of order so the mini-batches reorder the rows; the trace is in input order
    const rows: UpdateRow[] = [
      { prompt: [3], response: [4, 4], group: 1, advantage: -1 },
      { prompt: [1, 2], response: [5, 6, 7], group: 0, advantage: 1 },
      { prompt: [1, 2], response: [9], group: 0, advantage: -1 },
    ];
    const actor = { ...defaultRunConfig().actor, lr: 1e-2, use_kl_loss: false, ppo_mini_batch_size: 1, ppo_epochs: 1 };
    const plain = await grpoUpdate(twin, rows, { actor, padId: 0 });
    const before = await Promise.all(rows.map((r) => new CpuModel(cfg, undefined, 3).forwardLogprobs(packSequences([r], 0).batch)));
    const res = await grpoUpdate(model, rows, { actor, padId: 0, trace: true });
    expect(res.metrics).toEqual(plain.metrics); // tracing does not change the update
    expect(plain.trace).toBeUndefined();
    const after = await Promise.all(rows.map((r) => model.forwardLogprobs(packSequences([r], 0).batch)));
    rows.forEach((r, i) => {
      const t = res.trace![i];
      const at = (v: Float32Array) => r.response.map((_, j) => v[r.prompt.length - 1 + j]);
      expect(t.old.length).toBe(r.response.length);
      t.old.forEach((x, j) => expect(x).toBeCloseTo(at(before[i].logprobs)[j], 5));
      t.entropy.forEach((x, j) => expect(x).toBeCloseTo(at(before[i].entropy)[j], 5));
      t.new.forEach((x, j) => expect(x).toBeCloseTo(at(after[i].logprobs)[j], 5));
      expect(t.entropy.every((x) => x > 0 && x <= Math.log(20) + 1e-5)).toBe(true);
    });
    // the update moved the policy: the positive-advantage row's tokens gained probability
    expect(res.trace![1].new.reduce((a, b) => a + b, 0)).toBeGreaterThan(res.trace![1].old.reduce((a, b) => a + b, 0));
  });

  it('needs reference log-probabilities when the KL loss is on', async () => {
    const model = new CpuModel({ nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: 20 }, undefined, 3);
    const rows: UpdateRow[] = [{ prompt: [1], response: [5], responseLogprobs: [-3], group: 0, advantage: 1 }];
    await expect(grpoUpdate(model, rows, { actor: defaultRunConfig().actor, padId: 0 })).rejects.toThrow(/reference/);
  });

  it('recomputes the old log-probs by a forward pass before the update: ratio exactly 1 on the first mini-batch (hand-computed pg_loss)', async () => {
    const model = new CpuModel({ nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: 20 }, undefined, 3);
    // the sampler's log-probs are deliberately wrong: they must not be used as the old policy
    const rows: UpdateRow[] = [
      { prompt: [1, 2], response: [5, 6, 7], responseLogprobs: [-9, -9, -9], group: 0, advantage: 1 },
      { prompt: [1, 2], response: [9, 8], responseLogprobs: [-0.1, -0.1], group: 0, advantage: 0.5 },
      { prompt: [3], response: [4, 4], responseLogprobs: [-5, -5], group: 1, advantage: -1 },
    ];
    const actor = { ...defaultRunConfig().actor, lr: 1e-2, use_kl_loss: false, ppo_mini_batch_size: 1, ppo_epochs: 1, loss_agg_mode: 'token-mean' as const };
    // two mini-batches (one question each): averaged metrics; run the first one alone to see it exactly
    const first = await grpoUpdate(model, rows.slice(0, 2), { actor, padId: 0 });
    expect(first.updates).toBe(1);
    expect(first.metrics['actor/ppo_kl']).toBe(0);
    expect(first.metrics['actor/pg_clipfrac']).toBe(0);
    expect(first.metrics['actor/pg_clipfrac_lower']).toBe(0);
    // ratio 1: pg_loss = -(token-mean of A) = -(3·1 + 2·0.5) / 5 = -0.8
    expect(first.metrics['actor/pg_loss']).toBeCloseTo(-0.8, 6);
    // a second epoch's mini-batch sees the updated policy: no longer on-policy
    const two = await grpoUpdate(model, rows.slice(0, 2), { actor: { ...actor, ppo_epochs: 2 }, padId: 0 });
    expect(two.metrics['actor/ppo_kl']).not.toBe(0);
  });

  it('scores old, new and reference log-probs at the rollout temperature', async () => {
    const model = new CpuModel({ nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: 20 }, undefined, 5);
    const reference = new CpuModel(model.config, model.params);
    const rows: UpdateRow[] = [
      { prompt: [1, 2], response: [5, 6], group: 0, advantage: 1 },
      { prompt: [1, 2], response: [7], group: 0, advantage: -1 },
    ];
    const seen: (number | undefined)[] = [];
    const actor = { ...defaultRunConfig().actor, use_kl_loss: true, kl_loss_type: 'kl' as const, ppo_mini_batch_size: 1, ppo_epochs: 1 };
    const res = await grpoUpdate(model, rows, {
      actor, padId: 0, temperature: 0.7,
      refLogprobs: async (batch) => {
        seen.push(batch.temperature);
        return (await reference.forwardLogprobs(batch)).logprobs;
      },
    });
    expect(seen).toEqual([0.7]);
    // the same weights at the same temperature: KL to the reference and ppo_kl exactly 0
    expect(res.metrics['actor/kl_loss']).toBe(0);
    expect(res.metrics['actor/ppo_kl']).toBe(0);
    // the entropy is the tempered distribution's: compare with a forward at T = 0.7 of the reference
    const packed = packSequences(rows, 0);
    const hot = await reference.forwardLogprobs({ ...packed.batch, temperature: 0.7 });
    let h = 0;
    for (let i = 0; i < packed.mask.length; i++) if (packed.mask[i]) h += hot.entropy[i];
    expect(res.metrics['actor/entropy']).toBeCloseTo(h / packed.tokens, 6);
  });
});
