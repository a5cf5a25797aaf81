import { describe, expect, it } from 'vitest';
import { checkpointFromFlat } from './checkpoint/checkpoint';
import { createModel } from './index';
import { initParams } from './gpt/params';
import type { GPTConfig } from './model-api';

const config: GPTConfig = { nLayer: 1, nHead: 2, nEmbd: 8, blockSize: 8, vocabSize: 17 };

describe('createModel', () => {
  it('builds a CPU model from a config (GPT-2 init from the seed) or from a checkpoint', async () => {
    const a = await createModel({ backend: 'cpu', config, seed: 3 });
    expect(a.backend).toBe('cpu');
    const p = await a.exportParams();
    expect(Array.from(p.get('transformer.wte.weight')!.data)).toEqual(Array.from(initParams(config, 3).subarray(0, 17 * 8)));
    const flat = initParams(config, 4);
    const b = await createModel({ backend: 'cpu', checkpoint: checkpointFromFlat(config, flat, null) });
    const tokens = Int32Array.from([1, 2, 3]);
    const c = await createModel({ backend: 'cpu', config, seed: 4 });
    expect(Array.from(await b.forwardLogits(tokens, 1, 3))).toEqual(Array.from(await c.forwardLogits(tokens, 1, 3)));
  });

  it('refuses missing configs and bad backends', async () => {
    await expect(createModel({ backend: 'cpu' })).rejects.toThrow('createModel needs a config or a checkpoint');
    await expect(createModel({ backend: 'tpu' as 'cpu', config })).rejects.toThrow(/unknown backend 'tpu'/);
    await expect(createModel({ backend: 'cpu', config: { ...config, nHead: 3 } })).rejects.toThrow(/divisible/);
  });
});
