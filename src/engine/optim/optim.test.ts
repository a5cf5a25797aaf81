import { describe, expect, it } from 'vitest';
import { meanTokenLossAndGrad, meanTokenTrainStep } from '../gpt/loss-test-helpers';
import { CpuModel } from '../gpt/cpu-model';
import type { GPTConfig } from '../model-api';
import { clipAndAdamW } from './adamw-step';
import { optimizerStateFromBytes, optimizerStateToBytes } from './optimizer-state-file';

const opts = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

describe('clip + AdamW step', () => {
  it('clips to maxGradNorm (torch formula), then moves each weight by lr on the first step', () => {
    const b = { params: new Float32Array(2), grads: new Float32Array([3, 4]), m: new Float32Array(2), v: new Float32Array(2), step: 0 };
    const r = clipAndAdamW(b, { ...opts, maxGradNorm: 1 });
    expect(r).toEqual({ gradNorm: 5, skipped: false });
    expect(b.grads[0]).toBeCloseTo(3 / (5 + 1e-6), 6);
    expect(b.params[0]).toBeCloseTo(-0.1, 6);
    expect(b.params[1]).toBeCloseTo(-0.1, 6);
    expect(b.step).toBe(1);
  });

  it('skips everything on a non-finite gradient and validates options', () => {
    const b = { params: new Float32Array([1]), grads: new Float32Array([Infinity]), m: new Float32Array(1), v: new Float32Array(1), step: 4 };
    expect(clipAndAdamW(b, opts).skipped).toBe(true);
    expect([b.params[0], b.m[0], b.v[0], b.step]).toEqual([1, 0, 0, 4]);
    expect(() => clipAndAdamW(b, { ...opts, beta1: 1 })).toThrow('AdamW option beta1 must be in [0, 1), got 1');
  });
});

describe('optimizer state file', () => {
  it('round-trips exactly and names missing tensors', async () => {
    const config: GPTConfig = { nLayer: 1, nHead: 1, nEmbd: 4, blockSize: 4, vocabSize: 9 };
    const model = new CpuModel(config, undefined, 1);
    const batch = { B: 1, T: 3, tokens: Int32Array.from([1, 2, 3]), targets: Int32Array.from([2, 3, -1]) };
    await meanTokenTrainStep(model, batch, opts);
    const state = await model.exportOptimizerState();
    const bytes = optimizerStateToBytes(config, state);
    const back = optimizerStateFromBytes(config, bytes, 'opt.safetensors');
    expect(back.step).toBe(1);
    for (const [k, m] of state.m) expect(Array.from(back.m.get(k)!)).toEqual(Array.from(m));
    const other: GPTConfig = { ...config, nLayer: 2 };
    expect(() => optimizerStateFromBytes(other, bytes, 'opt.safetensors')).toThrow("opt.safetensors: missing tensor 'm.transformer.h.1.ln_1.weight'");
  });
});
