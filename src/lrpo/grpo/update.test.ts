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

  it('needs reference log-probabilities when the KL loss is on', async () => {
    const model = new CpuModel({ nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: 20 }, undefined, 3);
    const rows: UpdateRow[] = [{ prompt: [1], response: [5], responseLogprobs: [-3], group: 0, advantage: 1 }];
    await expect(grpoUpdate(model, rows, { actor: defaultRunConfig().actor, padId: 0 })).rejects.toThrow(/reference/);
  });
});
