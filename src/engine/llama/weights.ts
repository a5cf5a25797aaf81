// Exports: LlamaWeights / LlamaLayerWeights / LinearParams (float32 views of a Llama-family model's
// parameters, one flat buffer in llamaParamTable order, as llm.c keeps them), flatLayout (name ->
// offset/size/shape) and llamaWeightViews (views into any buffer of that layout: parameters or, for
// full fine-tuning, gradients and AdamW moments).
import type { LlamaConfig } from '../hf/config';
import { llamaParamTable } from '../hf/llama-params';
import { numel } from '../hf/tensors';

export interface LinearParams {
  /** [out, in] as torch.nn.Linear */
  w: Float32Array;
  b: Float32Array | null;
}

export interface LlamaLayerWeights {
  inNorm: Float32Array;
  q: LinearParams;
  k: LinearParams;
  v: LinearParams;
  o: LinearParams;
  qNorm: Float32Array | null;
  kNorm: Float32Array | null;
  postNorm: Float32Array;
  gate: LinearParams;
  up: LinearParams;
  down: LinearParams;
}

export interface LlamaWeights {
  embed: Float32Array;
  layers: LlamaLayerWeights[];
  norm: Float32Array;
  /** lm_head.weight [V, H]; the embedding itself when tied */
  head: Float32Array;
}

export interface FlatEntry {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

export function flatLayout(c: LlamaConfig): { entries: FlatEntry[]; total: number } {
  let offset = 0;
  const entries = llamaParamTable(c).map((p) => {
    const e = { name: p.name, shape: p.shape, offset, size: numel(p.shape) };
    offset += e.size;
    return e;
  });
  return { entries, total: offset };
}

export function llamaWeightViews(c: LlamaConfig, flat: Float32Array): LlamaWeights {
  const { entries } = flatLayout(c);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const get = (n: string) => {
    const e = byName.get(n)!;
    return flat.subarray(e.offset, e.offset + e.size);
  };
  const opt = (n: string) => (byName.has(n) ? get(n) : null);
  const lin = (p: string): LinearParams => ({ w: get(`${p}.weight`), b: opt(`${p}.bias`) });
  const layers: LlamaLayerWeights[] = [];
  for (let l = 0; l < c.nLayer; l++) {
    const p = `model.layers.${l}`;
    layers.push({
      inNorm: get(`${p}.input_layernorm.weight`),
      q: lin(`${p}.self_attn.q_proj`),
      k: lin(`${p}.self_attn.k_proj`),
      v: lin(`${p}.self_attn.v_proj`),
      o: lin(`${p}.self_attn.o_proj`),
      qNorm: opt(`${p}.self_attn.q_norm.weight`),
      kNorm: opt(`${p}.self_attn.k_norm.weight`),
      postNorm: get(`${p}.post_attention_layernorm.weight`),
      gate: lin(`${p}.mlp.gate_proj`),
      up: lin(`${p}.mlp.up_proj`),
      down: lin(`${p}.mlp.down_proj`),
    });
  }
  const embed = get('model.embed_tokens.weight');
  return { embed, layers, norm: get('model.norm.weight'), head: c.tieWordEmbeddings ? embed : get('lm_head.weight') };
}
