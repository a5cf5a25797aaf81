import { describe, expect, it } from 'vitest';
import { CpuModel } from '../gpt/cpu-model';
import { weightViews } from '../gpt/weights';
import type { GPTConfig } from '../model-api';
import { CpuKvDecoder } from './kv-cache';

describe('CPU KV cache', () => {
  it('gives bit-identical next-token logits to the full forward pass at every position', async () => {
    const config: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 12, blockSize: 9, vocabSize: 15 };
    const model = new CpuModel(config, undefined, 31);
    const seq = [3, 14, 0, 7, 7, 2, 9, 11, 5];
    const full = await model.forwardLogits(Int32Array.from(seq), 1, seq.length);
    const dec = new CpuKvDecoder(config, weightViews(config, model.params));
    const V = config.vocabSize;
    const first = await dec.prefill(0, seq.slice(0, 3));
    expect(Array.from(first)).toEqual(Array.from(full.subarray(2 * V, 3 * V)));
    for (let t = 3; t < seq.length; t++) {
      const [row] = await dec.step([0], [seq[t]]);
      expect(Array.from(row), `position ${t}`).toEqual(Array.from(full.subarray(t * V, (t + 1) * V)));
    }
    await expect(dec.step([0], [1])).rejects.toThrow('row 0 is full: the block size is 9');
  });
});
