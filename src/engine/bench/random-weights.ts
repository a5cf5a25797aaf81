// Random bf16 weights for a Llama-family config (benchmarks only; never presented as a model):
// matrices tile a seeded pool of N(0, 0.02) bf16 values from a per-tensor offset (fast enough for
// half a billion parameters), norm weights are 1, biases small.
import type { LlamaConfig } from '../hf/config';
import { llamaParamTable } from '../hf/llama-params';
import { f32ToTensor, numel, type HfTensor } from '../hf/tensors';
import { Rng } from '../rng';

export function randomBf16Weights(c: LlamaConfig, seed: number): Map<string, HfTensor> {
  const rng = new Rng(seed);
  const POOL = 8192;
  const poolF = new Float32Array(POOL).map(() => rng.normal() * 0.02);
  const pool = f32ToTensor(poolF, [POOL], 'BF16').data as Uint16Array;
  const out = new Map<string, HfTensor>();
  for (const p of llamaParamTable(c)) {
    const n = numel(p.shape);
    const data = new Uint16Array(n);
    if (p.shape.length === 1 && !p.name.endsWith('.bias')) data.fill(0x3f80); // 1.0
    else {
      // the pool rotated by a per-tensor offset, tiled
      const off = rng.int(POOL);
      const rot = new Uint16Array(POOL);
      rot.set(pool.subarray(off));
      rot.set(pool.subarray(0, off), POOL - off);
      for (let i = 0; i < n; i += POOL) data.set(rot.subarray(0, Math.min(POOL, n - i)), i);
    }
    out.set(p.name, { dtype: 'BF16', shape: [...p.shape], data });
  }
  return out;
}
