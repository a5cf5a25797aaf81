// Rollout temperature for the Llama family (verl scores logits / T): forwardLogprobs with
// batch.temperature must give log_softmax(logits / T)[target] and its entropy, computed here by hand
// in float64 from forwardLogits, on the CPU and on WebGPU (qwen2-tiny fixture, bf16 weights). The
// backward through it is checked by a directional finite difference on the CPU model.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { fsFolder } from '../hf/folder-fs';
import { loadLlamaFolder } from '../hf/model-folder';
import { createFamilyModel } from '../llama/create-family-model';
import type { TokenBatch } from '../model-api';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));
let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

function batch(V: number, T: number, temperature: number): TokenBatch {
  const B = 2;
  const tokens = new Int32Array(B * T);
  const targets = new Int32Array(B * T).fill(-1);
  for (let i = 0; i < B * T; i++) tokens[i] = (i * 37 + 11) % V;
  for (let b = 0; b < B; b++) for (let t = 0; t < T - 1; t++) targets[b * T + t] = tokens[b * T + t + 1];
  return { B, T, tokens, targets, temperature };
}

function byHand(logits: Float32Array, targets: Int32Array, V: number, T: number) {
  const N = targets.length;
  const lp = new Float64Array(N), ent = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    if (targets[i] < 0) continue;
    let max = -Infinity;
    for (let j = 0; j < V; j++) max = Math.max(max, logits[i * V + j] / T);
    let z = 0;
    for (let j = 0; j < V; j++) z += Math.exp(logits[i * V + j] / T - max);
    const logZ = max + Math.log(z);
    lp[i] = logits[i * V + targets[i]] / T - logZ;
    let h = 0;
    for (let j = 0; j < V; j++) { const l = logits[i * V + j] / T - logZ; h -= Math.exp(l) * l; }
    ent[i] = h;
  }
  return { lp, ent };
}

describe('Llama-family models score logits / temperature', () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    it(`${backend}: log-probs and entropy at T = 0.7 match log_softmax(logits / T) by hand`, async () => {
      const hf = await loadLlamaFolder(fsFolder(dir));
      const model = await createFamilyModel(backend, { config: hf.config, weights: hf.weights, gpu: backend === 'webgpu' ? ctx : undefined });
      try {
        const V = hf.config.vocabSize, T = 9;
        const b = batch(V, T, 0.7);
        const logits = await model.forwardLogits(b.tokens, b.B, b.T);
        const want = byHand(logits, b.targets, V, 0.7);
        const got = await model.forwardLogprobs(b);
        const plain = await model.forwardLogprobs({ ...b, temperature: undefined });
        let scale = 0, diff = 0, differs = 0;
        for (let i = 0; i < b.targets.length; i++) {
          if (b.targets[i] < 0) continue;
          scale = Math.max(scale, Math.abs(want.lp[i]), want.ent[i]);
          diff = Math.max(diff, Math.abs(got.logprobs[i] - want.lp[i]), Math.abs(got.entropy[i] - want.ent[i]));
          differs = Math.max(differs, Math.abs(plain.logprobs[i] - want.lp[i]));
        }
        expect(diff / scale).toBeLessThan(1e-4);
        expect(differs / scale).toBeGreaterThan(1e-2); // T = 1 really is a different distribution
      } finally {
        model.destroy();
      }
    });
  }

  it('cpu: the backward through T = 0.7 matches a finite difference of the summed log-probs (full fine-tune)', async () => {
    const hf = await loadLlamaFolder(fsFolder(dir));
    const model = await createFamilyModel('cpu', { config: hf.config, weights: hf.weights });
    try {
      const V = hf.config.vocabSize;
      const b = batch(V, 7, 0.7);
      const sum = async () => { const r = await model.forwardLogprobs(b); let s = 0; for (let i = 0; i < r.logprobs.length; i++) if (b.targets[i] >= 0) s += r.logprobs[i]; return s; };
      await sum();
      model.zeroGrad();
      await model.backwardLogprobs(new Float32Array(b.B * b.T).fill(1));
      const grads = await model.exportGrads();
      const params = await model.exportParams();
      const name = 'model.norm.weight';
      const g = grads.get(name)!.data;
      const w = params.get(name)!;
      // direction: the gradient itself; d/dε sum(w + ε g) at 0 = |g|²
      let g2 = 0;
      for (const x of g) g2 += x * x;
      const eps = 1e-2 / Math.sqrt(g2);
      const shifted = (s: number) => new Map([...params, [name, { shape: w.shape, data: w.data.map((x, i) => x + s * eps * g[i]) }]]);
      await model.importParams(shifted(1));
      const up = await sum();
      await model.importParams(shifted(-1));
      const down = await sum();
      const fd = (up - down) / (2 * eps);
      expect(Math.abs(fd - g2) / g2).toBeLessThan(2e-2);
    } finally {
      model.destroy();
    }
  });
});
