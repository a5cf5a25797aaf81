// Conversion between the flat llm.c-style buffer and named tensors in Hugging Face GPT-2 naming and
// layout (what checkpoints hold and Model.exportParams returns), with checks that name the tensor.
import type { GPTConfig, NamedTensor } from '../model-api';
import { numParams, paramTable } from './params';

export function toParamMap(config: GPTConfig, flat: Float32Array): Map<string, NamedTensor> {
  const out = new Map<string, NamedTensor>();
  for (const e of paramTable(config)) {
    out.set(e.name, { shape: [...e.shape], data: flat.slice(e.offset, e.offset + e.size) });
  }
  return out;
}

/**
 * Copies named tensors into a new flat buffer. Every parameter of the table must be present with
 * its exact shape; unknown names are refused (`lm_head.weight` is accepted only as the tied copy of
 * wte). `source` names where the tensors came from, for the error message.
 */
export function fromParamMap(config: GPTConfig, tensors: Map<string, NamedTensor>, source: string): Float32Array {
  const flat = new Float32Array(numParams(config));
  const table = paramTable(config);
  const known = new Set(table.map((e) => e.name));
  for (const name of tensors.keys()) {
    if (!known.has(name) && name !== 'lm_head.weight') {
      throw new Error(`${source}: unexpected tensor '${name}' (not a GPT-2 parameter of this config)`);
    }
  }
  for (const e of table) {
    const t = tensors.get(e.name);
    if (!t) throw new Error(`${source}: missing tensor '${e.name}' (expected shape [${e.shape.join(', ')}])`);
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      throw new Error(`${source}: tensor '${e.name}' has shape [${t.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
    }
    if (t.data.length !== e.size) {
      throw new Error(`${source}: tensor '${e.name}' holds ${t.data.length} values, expected ${e.size}`);
    }
    flat.set(t.data, e.offset);
  }
  const head = tensors.get('lm_head.weight');
  if (head) {
    const wte = table[0];
    const same = head.data.length === wte.size && head.data.every((x, i) => Object.is(x, flat[wte.offset + i]));
    if (!same) throw new Error(`${source}: tensor 'lm_head.weight' differs from 'transformer.wte.weight', but this GPT-2 ties them`);
  }
  return flat;
}
