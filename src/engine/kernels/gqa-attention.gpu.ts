// Dispatch glue for grouped-query attention (CPU reference: gqa-attention.ts): causal prefill
// forward and backward over [B, T, heads, D] tensors, and decoding against a KV cache.
import type { Binding, GpuContext } from '../backend/gpu-context';
import type { GqaShape } from './gqa-attention';
import scores from './gqa_scores.wgsl?raw';
import softmax from './gqa_softmax.wgsl?raw';
import value from './gqa_value.wgsl?raw';
import bwdDatt from './gqa_backward_datt.wgsl?raw';
import bwdSoftmax from './gqa_backward_softmax.wgsl?raw';
import bwdDq from './gqa_backward_dq.wgsl?raw';
import bwdDkv from './gqa_backward_dkv.wgsl?raw';
import kvWrite from './gqa_kv_write.wgsl?raw';
import decode from './gqa_decode.wgsl?raw';
import { rowWorkgroup } from './row-workgroup';
import { withReduce, type ReductionVariant } from './wgsl-include';

function dims(ctx: GpuContext, s: GqaShape): GPUBuffer {
  return ctx.params([s.B, s.T, s.nHead, s.nKv, s.D], [s.scale]);
}

/** out [B,T,nHead,D]; att [B,nHead,T,T] receives the probabilities (kept for backward). */
export function gqaForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, att: Binding, q: Binding, k: Binding, v: Binding, s: GqaShape, variant: ReductionVariant = 'auto'): void {
  const rows = s.B * s.nHead * s.T;
  ctx.dispatch(pass, scores, [dims(ctx, s), att, q, k], ctx.grid1d(rows * s.T));
  ctx.dispatch(pass, withReduce(ctx, softmax, variant), [ctx.params([rows, s.T]), att], ctx.gridRows(rows), { WG: rowWorkgroup(s.T, 256) });
  ctx.dispatch(pass, value, [dims(ctx, s), out, att, v], ctx.grid1d(s.B * s.T * s.nHead * s.D));
}

/** Accumulates into dq, dk and dv; datt [B,nHead,T,T] is scratch (overwritten). */
export function gqaBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dq: Binding, dk: Binding, dv: Binding, datt: Binding, dout: Binding, q: Binding, k: Binding, v: Binding, att: Binding, s: GqaShape, variant: ReductionVariant = 'auto'): void {
  const rows = s.B * s.nHead * s.T;
  ctx.dispatch(pass, bwdDatt, [dims(ctx, s), datt, dout, v], ctx.grid1d(rows * s.T));
  ctx.dispatch(pass, withReduce(ctx, bwdSoftmax, variant), [ctx.params([rows, s.T], [s.scale]), datt, att], ctx.gridRows(rows), { WG: rowWorkgroup(s.T, 256) });
  ctx.dispatch(pass, bwdDq, [dims(ctx, s), dq, datt, k], ctx.grid1d(s.B * s.T * s.nHead * s.D));
  ctx.dispatch(pass, bwdDkv, [dims(ctx, s), dk, dv, datt, att, q, dout], ctx.grid1d(s.B * s.T * s.nKv * s.D));
}

/** Stores N tokens' k, v [N, nKv*D] into caches [rows, maxT, nKv*D] at (rowOf[n], pos[n]). */
export function gqaKvWriteGpu(ctx: GpuContext, pass: GPUComputePassEncoder, kCache: Binding, vCache: Binding, k: Binding, v: Binding, rowOf: Binding, pos: Binding, N: number, nKv: number, D: number, maxT: number): void {
  ctx.dispatch(pass, kvWrite, [ctx.params([N, nKv * D, maxT]), kCache, vCache, k, v, rowOf, pos], ctx.grid1d(N * nKv * D));
}

/** out [N,nHead,D]: each token over its cache row's positions 0..pos[n]; scores scratch [N*nHead*maxT]. */
export function gqaDecodeGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, scores: Binding, q: Binding, kCache: Binding, vCache: Binding, rowOf: Binding, pos: Binding, N: number, nHead: number, nKv: number, D: number, maxT: number, scale: number, variant: ReductionVariant = 'auto'): void {
  ctx.dispatch(pass, withReduce(ctx, decode, variant), [ctx.params([N, nHead, nKv, D, maxT], [scale]), out, scores, q, kCache, vCache, rowOf, pos], ctx.gridRows(N * nHead));
}
