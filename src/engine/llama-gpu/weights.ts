// The frozen base weights of a Llama-family model on the GPU: 2-D matrices as GpuMatrix (16-bit
// packed as stored, or float32), 1-D tensors (norm weights, biases) widened to float32 (small).
// The tied LM head is the embedding matrix itself (one copy).
import type { Binding, GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import { LINEAR_NAMES, linearHasBias, linearPath, llamaParamTable, type LinearName } from '../hf/llama-params';
import { numel, tensorToF32, type HfTensor } from '../hf/tensors';
import { releaseMatrix, uploadMatrix, type GpuMatrix } from './gpu-matrix';

export interface GpuLinear {
  w: GpuMatrix;
  b: Binding | null;
}

export interface GpuLayerWeights {
  inNorm: Binding;
  postNorm: Binding;
  qNorm: Binding | null;
  kNorm: Binding | null;
  lin: Record<LinearName, GpuLinear>;
}

export interface GpuLlamaWeights {
  embed: GpuMatrix;
  head: GpuMatrix;
  norm: Binding;
  layers: GpuLayerWeights[];
  /** buffers these weights own (released with them); views into a flat buffer own none */
  owned: GPUBuffer[];
}

export function uploadLlamaWeights(ctx: GpuContext, c: LlamaConfig, weights: Map<string, HfTensor>, maxBindingBytes?: number): GpuLlamaWeights {
  const owned: GPUBuffer[] = [];
  const mats: GpuMatrix[] = [];
  try {
    return uploadAll(ctx, c, weights, owned, mats, maxBindingBytes);
  } catch (e) {
    // a refusal part-way (a tensor missing, over the binding limit) leaves nothing allocated
    for (const m of mats) releaseMatrix(ctx, m);
    for (const b of owned) ctx.release(b);
    throw e;
  }
}

function uploadAll(ctx: GpuContext, c: LlamaConfig, weights: Map<string, HfTensor>, owned: GPUBuffer[], mats: GpuMatrix[], maxBindingBytes?: number): GpuLlamaWeights {
  const get = (n: string): HfTensor => {
    const t = weights.get(n);
    if (!t) throw new Error(`missing tensor '${n}'`);
    return t;
  };
  const vec = (n: string) => {
    const b = ctx.upload(tensorToF32(get(n)), n);
    owned.push(b);
    return b;
  };
  const matrix = (n: string) => {
    const m = uploadMatrix(ctx, get(n), n, maxBindingBytes);
    mats.push(m);
    return m;
  };
  const embed = matrix('model.embed_tokens.weight');
  const head = c.tieWordEmbeddings ? embed : matrix('lm_head.weight');
  const layers: GpuLayerWeights[] = [];
  for (let l = 0; l < c.nLayer; l++) {
    const p = `model.layers.${l}`;
    const lin = {} as Record<LinearName, GpuLinear>;
    for (const n of LINEAR_NAMES) {
      const path = linearPath(l, n);
      lin[n] = { w: matrix(`${path}.weight`), b: linearHasBias(c, n) ? vec(`${path}.bias`) : null };
    }
    layers.push({
      inNorm: vec(`${p}.input_layernorm.weight`),
      postNorm: vec(`${p}.post_attention_layernorm.weight`),
      qNorm: c.qkNorm ? vec(`${p}.self_attn.q_norm.weight`) : null,
      kNorm: c.qkNorm ? vec(`${p}.self_attn.k_norm.weight`) : null,
      lin,
    });
  }
  return { embed, head, norm: vec('model.norm.weight'), layers, owned };
}

/** Every parameter as float32 in one buffer, each tensor at a 256-byte aligned offset (full fine-tuning). */
export interface FlatGpuLayout {
  entries: { name: string; shape: number[]; size: number; gpuOffset: number }[];
  gpuSize: number;
}

export function flatGpuLayout(c: LlamaConfig): FlatGpuLayout {
  let at = 0;
  const entries = llamaParamTable(c).map((p) => {
    const size = numel(p.shape);
    const e = { name: p.name, shape: p.shape, size, gpuOffset: at };
    at += Math.ceil(size / 64) * 64;
    return e;
  });
  return { entries, gpuSize: Math.max(at, 64) };
}

export function packFlat(layout: FlatGpuLayout, get: (name: string) => Float32Array): Float32Array {
  const out = new Float32Array(layout.gpuSize);
  for (const e of layout.entries) out.set(get(e.name), e.gpuOffset);
  return out;
}

/** Views (bindings) of the layout's tensors in `buf`: the parameters, or their gradients. */
export function flatLlamaWeights(c: LlamaConfig, layout: FlatGpuLayout, buf: GPUBuffer): GpuLlamaWeights {
  const by = new Map(layout.entries.map((e) => [e.name, e]));
  const bind = (n: string): Binding => {
    const e = by.get(n);
    if (!e) throw new Error(`missing tensor '${n}'`);
    return { buffer: buf, offset: e.gpuOffset * 4, size: e.size * 4 };
  };
  const mat = (n: string): GpuMatrix => {
    const e = by.get(n)!;
    return { rows: e.shape[0], cols: e.shape[1], packed: null, f32: bind(n) };
  };
  const embed = mat('model.embed_tokens.weight');
  const layers: GpuLayerWeights[] = [];
  for (let l = 0; l < c.nLayer; l++) {
    const p = `model.layers.${l}`;
    const lin = {} as Record<LinearName, GpuLinear>;
    for (const n of LINEAR_NAMES) {
      const path = linearPath(l, n);
      lin[n] = { w: mat(`${path}.weight`), b: linearHasBias(c, n) ? bind(`${path}.bias`) : null };
    }
    layers.push({
      inNorm: bind(`${p}.input_layernorm.weight`), postNorm: bind(`${p}.post_attention_layernorm.weight`),
      qNorm: c.qkNorm ? bind(`${p}.self_attn.q_norm.weight`) : null, kNorm: c.qkNorm ? bind(`${p}.self_attn.k_norm.weight`) : null, lin,
    });
  }
  return { embed, head: c.tieWordEmbeddings ? embed : mat('lm_head.weight'), norm: bind('model.norm.weight'), layers, owned: [] };
}

export function releaseLlamaWeights(ctx: GpuContext, w: GpuLlamaWeights): void {
  releaseMatrix(ctx, w.embed);
  if (w.head !== w.embed) releaseMatrix(ctx, w.head);
  for (const L of w.layers) for (const lin of Object.values(L.lin)) releaseMatrix(ctx, lin.w);
  for (const b of w.owned) ctx.release(b);
  w.owned = [];
}
