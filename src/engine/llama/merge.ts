// Exports: mergeLora (base parameters with a LoRA adapter merged in, W + (alpha / r) B A, as PEFT's
// merge_and_unload; works on any backend's exportParams output) and splitAdapter (the adapter's
// PEFT-named tensors out of an exportParams map).
import type { LlamaConfig } from '../hf/config';
import { linearPath, linearShape } from '../hf/llama-params';
import type { NamedTensor } from '../model-api';
import { loraScale, peftName, type LoraSpec } from './lora';

export function splitAdapter(params: Map<string, NamedTensor>): { base: Map<string, NamedTensor>; adapter: Map<string, NamedTensor> } {
  const base = new Map<string, NamedTensor>();
  const adapter = new Map<string, NamedTensor>();
  for (const [k, t] of params) (k.startsWith('base_model.model.') ? adapter : base).set(k, t);
  return { base, adapter };
}

/** A new map: base tensors copied, each targeted projection's weight with the adapter merged in. */
export function mergeLora(c: LlamaConfig, spec: LoraSpec, base: Map<string, NamedTensor>, adapter: Map<string, NamedTensor>): Map<string, NamedTensor> {
  const out = new Map<string, NamedTensor>();
  for (const [k, t] of base) out.set(k, { shape: [...t.shape], data: t.data.slice() });
  const scale = loraScale(spec);
  const r = spec.r;
  for (let l = 0; l < c.nLayer; l++) {
    for (const target of spec.targets) {
      const a = adapter.get(peftName(l, target, 'A'))?.data;
      const b = adapter.get(peftName(l, target, 'B'))?.data;
      if (!a || !b) throw new Error(`mergeLora: the adapter has no ${peftName(l, target, a ? 'B' : 'A')}`);
      const [outDim, inDim] = linearShape(c, target);
      const name = `${linearPath(l, target)}.weight`;
      const w = out.get(name)?.data;
      if (!w) throw new Error(`mergeLora: the base has no ${name}`);
      const row = new Float64Array(inDim);
      for (let o = 0; o < outDim; o++) {
        row.fill(0);
        for (let k = 0; k < r; k++) {
          const bk = b[o * r + k];
          for (let i = 0; i < inDim; i++) row[i] += bk * a[k * inDim + i];
        }
        for (let i = 0; i < inDim; i++) w[o * inDim + i] += scale * row[i];
      }
    }
  }
  return out;
}
