import { describe, expect, it } from 'vitest';
import { CpuModel } from '../gpt/cpu-model';
import type { GPTConfig } from '../model-api';
import { argmax, logSoftmaxAt } from './sampling';

const config: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 12, vocabSize: 13 };

/** Greedy decoding by full recomputation of the whole sequence at every step (no cache). */
async function greedyByRecompute(model: CpuModel, prompt: number[], maxNew: number, eos: number) {
  const seq = [...prompt];
  const out: number[] = [];
  const lps: number[] = [];
  while (out.length < maxNew && seq.length < config.blockSize) {
    const logits = await model.forwardLogits(Int32Array.from(seq), 1, seq.length);
    const row = logits.subarray((seq.length - 1) * config.vocabSize, seq.length * config.vocabSize);
    const id = argmax(row);
    out.push(id);
    lps.push(logSoftmaxAt(row, id));
    seq.push(id);
    if (id === eos) break;
  }
  return { out, lps };
}

describe('generation with the CPU KV cache', () => {
  it('greedy KV-cache decoding equals greedy full recomputation, batched with different prompt lengths', async () => {
    const model = new CpuModel(config, undefined, 21);
    // wider random weights so the greedy path is not a constant token
    const scaled = model.params.map((x, i) => x * 10 + (i % 7) * 1e-3);
    const m = new CpuModel(config, scaled);
    const prompts = [[1, 2, 3], [4], [5, 6, 7, 8, 9, 10, 11]];
    const res = await m.generate(prompts, { maxNewTokens: 8, temperature: 0, seed: 1, eosId: 12 });
    for (let i = 0; i < prompts.length; i++) {
      const ref = await greedyByRecompute(m, prompts[i], 8, 12);
      expect(res.tokens[i]).toEqual(ref.out);
      res.logprobs[i].forEach((lp, j) => expect(lp).toBeCloseTo(ref.lps[j], 5));
    }
    // the 7-token prompt can only grow to the block size (12)
    expect(res.tokens[2].length).toBeLessThanOrEqual(5);
    expect(new Set(res.tokens.flat()).size).toBeGreaterThan(1);
  });

  it('stops at eos, at maxNewTokens, at the block size; seeds reproduce', async () => {
    const m = new CpuModel(config, undefined, 22);
    const opts = { maxNewTokens: 6, temperature: 1, seed: 5, eosId: 12 };
    const a = await m.generate([[0, 1], [2]], opts);
    const b = await m.generate([[0, 1], [2]], opts);
    expect(a).toEqual(b);
    a.tokens.forEach((row, i) => {
      const eosAt = row.indexOf(12);
      if (a.stoppedAtEos[i]) expect(eosAt).toBe(row.length - 1);
      else expect(row.length).toBe(6);
      a.logprobs[i].forEach((lp) => expect(lp).toBeLessThanOrEqual(0));
    });
    const full = await m.generate([new Array(12).fill(3)], opts);
    expect(full.tokens[0]).toEqual([]);
    // declare the greedy first choice to be eos: the row must stop right after emitting it
    const greedy = await m.generate([[4, 5]], { ...opts, temperature: 0, eosId: argmaxFirst(await m.forwardLogits(Int32Array.from([4, 5]), 1, 2)) });
    expect(greedy.stoppedAtEos[0]).toBe(true);
    expect(greedy.tokens[0].length).toBe(1);
  });

  it('rejects bad prompts with the prompt and position named', async () => {
    const m = new CpuModel(config, undefined, 23);
    const opts = { maxNewTokens: 2, temperature: 0, seed: 1, eosId: 12 };
    await expect(m.generate([[1], []], opts)).rejects.toThrow(/prompt 1 is empty/);
    await expect(m.generate([[1, 99]], opts)).rejects.toThrow(/prompt 0, position 1: token id 99/);
    await expect(m.generate([new Array(13).fill(1)], opts)).rejects.toThrow(/more than the block size 12/);
  });
});

function argmaxFirst(logits: Float32Array): number {
  return argmax(logits.subarray(config.vocabSize, 2 * config.vocabSize));
}
