// Exports: mergeLora (base parameters with a LoRA adapter merged in, W + (alpha / r) B A, as PEFT's
// merge_and_unload; trainable token rows are written into embed_tokens, which a tied head shares;
// works on any backend's exportParams output) and splitAdapter (the adapter's
// PEFT-named tensors out of an exportParams map).
import type { LlamaConfig } from '../hf/config';
import { linearPath, linearShape } from '../hf/llama-params';
import type { NamedTensor } from '../model-api';
import { adapterLayout, loraScale, peftName, type LoraSpec } from './lora';

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
  if (spec.tokenIds?.length) {
    const rowsEntry = adapterLayout(c, spec).entries.at(-1)!;
    const rows = adapter.get(rowsEntry.name)?.data;
    if (!rows) throw new Error(`mergeLora: the adapter has no ${rowsEntry.name} (trainable token rows)`);
    const embed = out.get('model.embed_tokens.weight')?.data;
    if (!embed) throw new Error('mergeLora: the base has no model.embed_tokens.weight');
    const H = c.hiddenSize;
    if (embed.length !== c.vocabSize * H) throw new Error(`mergeLora: model.embed_tokens.weight has ${embed.length / H} rows, the config's vocab_size is ${c.vocabSize} (resize the base first)`);
    spec.tokenIds.forEach((id, k) => embed.set(rows.subarray(k * H, (k + 1) * H), id * H));
  }
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
