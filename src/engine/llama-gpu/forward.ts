// Recording of the Llama-family forward pass on the GPU, as llama/forward.ts on the CPU: input
// RMSNorm, q/k/v (+ LoRA, + bias), Qwen3's per-head q_norm/k_norm, RoPE in place, attention (full
// causal GQA for training, the KV cache for decoding, through a callback), o_proj, residual,
// post-attention RMSNorm, SwiGLU MLP, residual; then the final norm and the LM head. Trainable token
// rows (token-rows/) replace the frozen rows of their ids in the lookup and a tied head.
import type { Binding, GpuContext } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { gqaForwardGpu } from '../kernels/gqa-attention.gpu';
import { gqaShape } from '../kernels/gqa-attention';
import { residualForwardGpu } from '../kernels/residual.gpu';
import { rmsnormForwardGpu } from '../kernels/rmsnorm.gpu';
import { ropeForwardGpu } from '../kernels/rope.gpu';
import { swigluForwardGpu } from '../kernels/swiglu.gpu';
import type { GpuLayerActs, GpuLlamaActs } from './activations';
import { matFwd, matGather } from './gpu-matrix';
import { linearFwdGpu, type LoraBinding } from './linear-gpu';
import { tokenRowsEmbedGpu, tokenRowsHeadGpu, type GpuTokenRows } from './token-rows/token-rows-gpu';
import type { GpuLayerWeights, GpuLlamaWeights } from './weights';

export interface RopeTable {
  cos: GPUBuffer;
  sin: GPUBuffer;
}

export type LoraOf = (layer: number, name: LinearName) => LoraBinding | null;

/** q, k after norms and RoPE (the buffers attention reads) */
export function rotatedQK(c: LlamaConfig, a: GpuLayerActs): { qr: GPUBuffer; kr: GPUBuffer } {
  return c.qkNorm ? { qr: a.qn!, kr: a.kn! } : { qr: a.q, kr: a.k };
}

export function recordLayer(
  ctx: GpuContext, pass: GPUComputePassEncoder, c: LlamaConfig, l: number, w: GpuLayerWeights, loraOf: LoraOf,
  a: GpuLayerActs, x: Binding, N: number, rope: RopeTable, pos: Binding, scratchH: GPUBuffer,
  attend: (qr: GPUBuffer, kr: GPUBuffer, v: GPUBuffer, y: GPUBuffer) => void,
): void {
  const H = c.hiddenSize, D = c.headDim, I = c.intermediateSize, eps = c.rmsNormEps;
  const lin = (name: LinearName, y: GPUBuffer, inp: Binding) => linearFwdGpu(ctx, pass, w.lin[name], loraOf(l, name), y, inp, a.xa.get(name) ?? null, N);
  rmsnormForwardGpu(ctx, pass, a.ln1, a.rstd1, x, w.inNorm, N, H, eps);
  lin('q_proj', a.q, a.ln1);
  lin('k_proj', a.k, a.ln1);
  lin('v_proj', a.v, a.ln1);
  if (c.qkNorm) {
    rmsnormForwardGpu(ctx, pass, a.qn!, a.qRstd!, a.q, w.qNorm!, N * c.nHead, D, eps);
    rmsnormForwardGpu(ctx, pass, a.kn!, a.kRstd!, a.k, w.kNorm!, N * c.nKvHead, D, eps);
  }
  const { qr, kr } = rotatedQK(c, a);
  ropeForwardGpu(ctx, pass, qr, rope.cos, rope.sin, pos, N, c.nHead, D);
  ropeForwardGpu(ctx, pass, kr, rope.cos, rope.sin, pos, N, c.nKvHead, D);
  attend(qr, kr, a.v, a.y);
  lin('o_proj', scratchH, a.y);
  residualForwardGpu(ctx, pass, a.res2, x, scratchH, N * H);
  rmsnormForwardGpu(ctx, pass, a.ln2, a.rstd2, a.res2, w.postNorm, N, H, eps);
  lin('gate_proj', a.gate, a.ln2);
  lin('up_proj', a.up, a.ln2);
  swigluForwardGpu(ctx, pass, a.act, a.gate, a.up, N * I);
  lin('down_proj', scratchH, a.act);
  residualForwardGpu(ctx, pass, a.res3, a.res2, scratchH, N * H);
}

/** Final RMSNorm and LM head for `rows` rows of x into logits (trainable token rows: their columns of a tied head). */
export function recordHead(
  ctx: GpuContext, pass: GPUComputePassEncoder, c: LlamaConfig, w: GpuLlamaWeights, lnf: Binding, rstdf: Binding, x: Binding, logits: Binding, rows: number,
  tokenRows: GpuTokenRows | null = null,
): void {
  rmsnormForwardGpu(ctx, pass, lnf, rstdf, x, w.norm, rows, c.hiddenSize, c.rmsNormEps);
  matFwd(ctx, pass, w.head, logits, lnf, rows, null);
  if (tokenRows) tokenRowsHeadGpu(ctx, pass, tokenRows, logits, lnf, rows, c.hiddenSize, c.vocabSize);
}

/** The embedding lookup of N tokens (trainable token rows replacing the frozen rows of their ids). */
export function recordEmbed(ctx: GpuContext, pass: GPUComputePassEncoder, c: LlamaConfig, w: GpuLlamaWeights, out: Binding, tokens: Binding, N: number, tokenRows: GpuTokenRows | null): void {
  matGather(ctx, pass, w.embed, out, tokens, N);
  if (tokenRows) tokenRowsEmbedGpu(ctx, pass, tokenRows, out, tokens, N, c.hiddenSize);
}

/** Training / scoring forward over B rows of T tokens at positions 0..T-1 (acts.tokens, acts.pos written). */
export function recordForward(
  ctx: GpuContext, pass: GPUComputePassEncoder, c: LlamaConfig, w: GpuLlamaWeights, loraOf: LoraOf, acts: GpuLlamaActs, rope: RopeTable,
  tokenRows: GpuTokenRows | null = null,
): void {
  const { B, T, N } = acts;
  const shape = gqaShape(B, T, c.nHead, c.nKvHead, c.headDim);
  recordEmbed(ctx, pass, c, w, acts.embedded, acts.tokens, N, tokenRows);
  let x: GPUBuffer = acts.embedded;
  acts.layers.forEach((a, l) => {
    recordLayer(ctx, pass, c, l, w.layers[l], loraOf, a, x, N, rope, acts.pos, acts.scratchH,
      (qr, kr, v, y) => gqaForwardGpu(ctx, pass, y, a.att!, qr, kr, v, shape));
    x = a.res3;
  });
  recordHead(ctx, pass, c, w, acts.lnf, acts.rstdf, x, acts.logits, N, tokenRows);
}
