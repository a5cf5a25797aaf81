// Exports: LlamaParamSpec and llamaParamTable (every parameter of a Llama / Qwen2 / Qwen3 model in
// Hugging Face naming and shape, in the order transformers lists them), and llamaLayerLinears (the
// seven projections of one layer with their [out, in] shapes, shared by LoRA and the models).
import type { LlamaConfig } from './config';

export interface LlamaParamSpec {
  name: string;
  shape: number[];
}

export type LinearName = 'q_proj' | 'k_proj' | 'v_proj' | 'o_proj' | 'gate_proj' | 'up_proj' | 'down_proj';
export const LINEAR_NAMES: readonly LinearName[] = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

/** HF module path of a projection in layer l, e.g. model.layers.0.self_attn.q_proj */
export function linearPath(l: number, name: LinearName): string {
  const group = (name === 'gate_proj' || name === 'up_proj' || name === 'down_proj') ? 'mlp' : 'self_attn';
  return `model.layers.${l}.${group}.${name}`;
}

/** [out, in] of each projection (torch Linear weight layout). */
export function linearShape(c: LlamaConfig, name: LinearName): [number, number] {
  const H = c.hiddenSize;
  const q = c.nHead * c.headDim;
  const kv = c.nKvHead * c.headDim;
  const I = c.intermediateSize;
  switch (name) {
    case 'q_proj': return [q, H];
    case 'k_proj': return [kv, H];
    case 'v_proj': return [kv, H];
    case 'o_proj': return [H, q];
    case 'gate_proj': return [I, H];
    case 'up_proj': return [I, H];
    case 'down_proj': return [H, I];
  }
}

export function linearHasBias(c: LlamaConfig, name: LinearName): boolean {
  if (name === 'q_proj' || name === 'k_proj' || name === 'v_proj') return c.qkvBias;
  if (name === 'o_proj') return c.oBias;
  return false;
}

export function llamaParamTable(c: LlamaConfig): LlamaParamSpec[] {
  const H = c.hiddenSize;
  const out: LlamaParamSpec[] = [{ name: 'model.embed_tokens.weight', shape: [c.vocabSize, H] }];
  for (let l = 0; l < c.nLayer; l++) {
    const p = `model.layers.${l}`;
    out.push({ name: `${p}.input_layernorm.weight`, shape: [H] });
    for (const n of ['q_proj', 'k_proj', 'v_proj', 'o_proj'] as const) {
      const s = linearShape(c, n);
      out.push({ name: `${p}.self_attn.${n}.weight`, shape: s });
      if (linearHasBias(c, n)) out.push({ name: `${p}.self_attn.${n}.bias`, shape: [s[0]] });
    }
    if (c.qkNorm) {
      out.push({ name: `${p}.self_attn.q_norm.weight`, shape: [c.headDim] });
      out.push({ name: `${p}.self_attn.k_norm.weight`, shape: [c.headDim] });
    }
    out.push({ name: `${p}.post_attention_layernorm.weight`, shape: [H] });
    for (const n of ['gate_proj', 'up_proj', 'down_proj'] as const) out.push({ name: `${p}.mlp.${n}.weight`, shape: linearShape(c, n) });
  }
  out.push({ name: 'model.norm.weight', shape: [H] });
  if (!c.tieWordEmbeddings) out.push({ name: 'lm_head.weight', shape: [c.vocabSize, H] });
  return out;
}
