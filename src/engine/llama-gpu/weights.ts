// The frozen base weights of a Llama-family model on the GPU: 2-D matrices as GpuMatrix (16-bit
// packed as stored, or float32), 1-D tensors (norm weights, biases) widened to float32 (small).
// The tied LM head is the embedding matrix itself (one copy).
import type { GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import { LINEAR_NAMES, linearHasBias, linearPath, type LinearName } from '../hf/llama-params';
import { tensorToF32, type HfTensor } from '../hf/tensors';
import { releaseMatrix, uploadMatrix, type GpuMatrix } from './gpu-matrix';

export interface GpuLinear {
  w: GpuMatrix;
  b: GPUBuffer | null;
}

export interface GpuLayerWeights {
  inNorm: GPUBuffer;
  postNorm: GPUBuffer;
  qNorm: GPUBuffer | null;
  kNorm: GPUBuffer | null;
  lin: Record<LinearName, GpuLinear>;
}

export interface GpuLlamaWeights {
  embed: GpuMatrix;
  head: GpuMatrix;
  norm: GPUBuffer;
  layers: GpuLayerWeights[];
}

export function uploadLlamaWeights(ctx: GpuContext, c: LlamaConfig, weights: Map<string, HfTensor>, maxBindingBytes?: number): GpuLlamaWeights {
  const get = (n: string): HfTensor => {
    const t = weights.get(n);
    if (!t) throw new Error(`missing tensor '${n}'`);
    return t;
  };
  const vec = (n: string) => ctx.upload(tensorToF32(get(n)), n);
  const embed = uploadMatrix(ctx, get('model.embed_tokens.weight'), 'model.embed_tokens.weight', maxBindingBytes);
  const head = c.tieWordEmbeddings ? embed : uploadMatrix(ctx, get('lm_head.weight'), 'lm_head.weight', maxBindingBytes);
  const layers: GpuLayerWeights[] = [];
  for (let l = 0; l < c.nLayer; l++) {
    const p = `model.layers.${l}`;
    const lin = {} as Record<LinearName, GpuLinear>;
    for (const n of LINEAR_NAMES) {
      const path = linearPath(l, n);
      lin[n] = { w: uploadMatrix(ctx, get(`${path}.weight`), `${path}.weight`, maxBindingBytes), b: linearHasBias(c, n) ? vec(`${path}.bias`) : null };
    }
    layers.push({
      inNorm: vec(`${p}.input_layernorm.weight`),
      postNorm: vec(`${p}.post_attention_layernorm.weight`),
      qNorm: c.qkNorm ? vec(`${p}.self_attn.q_norm.weight`) : null,
      kNorm: c.qkNorm ? vec(`${p}.self_attn.k_norm.weight`) : null,
      lin,
    });
  }
  return { embed, head, norm: vec('model.norm.weight'), layers };
}

export function releaseLlamaWeights(ctx: GpuContext, w: GpuLlamaWeights): void {
  releaseMatrix(ctx, w.embed);
  if (w.head !== w.embed) releaseMatrix(ctx, w.head);
  ctx.release(w.norm);
  for (const L of w.layers) {
    ctx.release(L.inNorm);
    ctx.release(L.postNorm);
    if (L.qNorm) ctx.release(L.qNorm);
    if (L.kNorm) ctx.release(L.kNorm);
    for (const lin of Object.values(L.lin)) {
      releaseMatrix(ctx, lin.w);
      if (lin.b) ctx.release(lin.b);
    }
  }
}
