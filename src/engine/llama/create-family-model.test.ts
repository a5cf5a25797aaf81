// createFamilyModel on the CPU: builds from the weights as stored (bf16 fixture) with or without an
// adapter, and runs the memory planner first when given a plan, refusing before any allocation.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fsFolder } from '../hf/folder-fs';
import { loadLlamaFolder } from '../hf/model-folder';
import { createFamilyModel } from './create-family-model';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));

describe('createFamilyModel (cpu)', () => {
  it('builds, and refuses by the memory plan', async () => {
    const hf = await loadLlamaFolder(fsFolder(dir));
    const huge = { maxBufferSize: 2 ** 40, maxStorageBufferBindingSize: 2 ** 40, budgetBytes: 2 ** 40 };
    const m = await createFamilyModel('cpu', { config: hf.config, weights: hf.weights, plan: { batch: 2, seqLen: 20, limits: huge } });
    expect(m.backend).toBe('cpu');
    expect((await m.forwardLogits(Int32Array.from([1, 2, 3]), 1, 3)).length).toBe(3 * 1024);
    await expect(createFamilyModel('cpu', {
      config: hf.config, weights: hf.weights, plan: { batch: 64, seqLen: 128, limits: { ...huge, maxBufferSize: 2 ** 24 } },
    })).rejects.toThrow(/Qwen2ForCausalLM does not fit: logits: logits \[64, 128, 1024\] needs one buffer of 32.0 MiB, more than the device's maxBufferSize 16.0 MiB; lower the batch size or the sequence length/);
    await expect(createFamilyModel('tpu' as 'cpu', { config: hf.config, weights: hf.weights })).rejects.toThrow("unknown backend 'tpu'");
  });
});
