// The CPU Llama-family model against the transformers + PEFT references in
// ../shared/fixtures/{llama,qwen2,qwen3}-tiny (bf16 weights read as float32): logits and loss
// (1e-4 relative to the largest magnitude), every gradient (1e-3, each relative to its tensor's
// largest magnitude), the same with the fixture's PEFT LoRA adapter (logits, loss, adapter
// gradients under PEFT names), the 5 LoRA AdamW losses, and 12 greedy tokens with the KV cache.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../checkpoint/safetensors';
import { fsFolder } from '../hf/folder-fs';
import { llamaFloatWeights, loadLlamaFolder } from '../hf/model-folder';
import { readPeftAdapter } from '../hf/peft';
import type { TokenBatch } from '../model-api';
import { CpuLlamaModel } from './cpu-model';
import { loraLayout } from './lora';

const root = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

async function load(name: string) {
  const dir = root + name;
  const hf = await loadLlamaFolder(fsFolder(dir));
  const expected = readSafetensors(new Uint8Array(readFileSync(`${dir}/expected.safetensors`)), 'expected.safetensors').tensors;
  const ids: number[][] = JSON.parse(readFileSync(`${dir}/tokens.json`, 'utf8')).input_ids;
  const B = ids.length, T = ids[0].length;
  const tokens = Int32Array.from(ids.flat());
  const targets = new Int32Array(B * T).fill(-1);
  for (let b = 0; b < B; b++) for (let t = 0; t < T - 1; t++) targets[b * T + t] = ids[b][t + 1];
  const gen = JSON.parse(readFileSync(`${dir}/generate.json`, 'utf8')) as { prompt_ids: number[]; new_ids: number[] };
  return { dir, hf, expected, batch: { B, T, tokens, targets } as TokenBatch, gen };
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let err = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

for (const name of ['llama-tiny', 'qwen2-tiny', 'qwen3-tiny']) {
  describe(`CPU ${name} vs transformers`, () => {
    it('logits, loss and every gradient', async () => {
      const { hf, expected, batch } = await load(name);
      const m = CpuLlamaModel.fromTensors(hf.config, llamaFloatWeights(hf.weights), name);
      const logits = await m.forwardLogits(batch.tokens, batch.B, batch.T);
      expect(relErr(logits, expected.get('logits')!.data)).toBeLessThan(1e-4);
      const loss = await m.lossAndGradCrossEntropy(batch);
      expect(relErr([loss], expected.get('loss')!.data)).toBeLessThan(1e-4);
      const grads = await m.exportGrads();
      expect(grads.size).toBe(hf.weights.size);
      for (const [k, g] of grads) {
        const ref = expected.get(`grad.${k}`);
        expect(ref, k).toBeDefined();
        expect(relErr(g.data, ref!.data), k).toBeLessThan(1e-3);
      }
    });

    it('PEFT LoRA: logits, loss, adapter gradients, 5 AdamW losses; base frozen', async () => {
      const { dir, hf, expected, batch } = await load(name);
      const adapter = await readPeftAdapter(fsFolder(`${dir}/adapter`), hf.config);
      const { entries, total } = loraLayout(hf.config, adapter.spec);
      const flat = new Float32Array(total);
      for (const e of entries) flat.set(adapter.tensors.get(e.name)!.data, e.offset);
      const m = CpuLlamaModel.fromTensors(hf.config, llamaFloatWeights(hf.weights), name, { spec: adapter.spec, params: flat });
      const logits = await m.forwardLogits(batch.tokens, batch.B, batch.T);
      expect(relErr(logits, expected.get('lora.logits')!.data)).toBeLessThan(1e-4);
      const loss = await m.lossAndGradCrossEntropy(batch);
      expect(relErr([loss], expected.get('lora.loss')!.data)).toBeLessThan(1e-4);
      const grads = await m.exportGrads();
      expect(grads.size).toBe(entries.length);
      for (const [k, g] of grads) {
        // the fixture names gradients as PEFT's named_parameters (with the adapter name 'default');
        // saved adapters, and our names, drop it
        const ref = expected.get(`lora.grad.${k.replace(/\.weight$/, '.default.weight')}`);
        expect(ref, k).toBeDefined();
        expect(relErr(g.data, ref!.data), k).toBeLessThan(1e-3);
      }
      // only the adapter holds gradient + AdamW memory
      expect(m.trainingBytes).toBe(12 * total);
      const base = Float32Array.from(m.params);
      const losses: number[] = [];
      for (let i = 0; i < 5; i++) {
        losses.push(await m.lossAndGradCrossEntropy(batch));
        const r = await m.step({ lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
        expect(r.skipped).toBe(false);
      }
      expect(relErr(losses, expected.get('lora.train_losses')!.data)).toBeLessThan(1e-4);
      expect(m.params).toEqual(base);
    });

    it('greedy decoding with the KV cache reproduces the 12 tokens', async () => {
      const { hf, gen } = await load(name);
      const m = CpuLlamaModel.fromTensors(hf.config, llamaFloatWeights(hf.weights), name);
      const r = await m.generate([gen.prompt_ids], { maxNewTokens: gen.new_ids.length, temperature: 0, seed: 0, eosId: -1 });
      expect(r.tokens[0]).toEqual(gen.new_ids);
    });
  });
}
