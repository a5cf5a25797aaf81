// Exports: initLlamaParams, a fresh Llama-family model as transformers' _init_weights makes one:
// every Linear weight and the embedding (and an untied lm_head) drawn normal(0, std) (std =
// initializer_range, 0.02), biases 0, RMSNorm weights 1; seeded (engine Rng), flat in
// llamaParamTable order.
import type { LlamaConfig } from '../hf/config';
import { Rng } from '../rng';
import { flatLayout } from './weights';

export function initLlamaParams(c: LlamaConfig, seed: number, std = 0.02): Float32Array {
  const { entries, total } = flatLayout(c);
  const flat = new Float32Array(total);
  const rng = new Rng(seed);
  for (const e of entries) {
    const view = flat.subarray(e.offset, e.offset + e.size);
    if (e.name.endsWith('norm.weight')) view.fill(1);
    else if (e.name.endsWith('.bias')) view.fill(0);
    else {
      const z = rng.normals(new Float64Array(e.size));
      for (let i = 0; i < e.size; i++) view[i] = std * z[i];
    }
  }
  return flat;
}
