// Dispatch glue for causal attention (CPU reference: attention.ts) and its KV-cache decoding form.
import type { Binding, GpuContext } from '../backend/gpu-context';
import scores from './attention_scores.wgsl?raw';
import softmax from './attention_softmax.wgsl?raw';
import value from './attention_value.wgsl?raw';
import bwdDatt from './attention_backward_datt.wgsl?raw';
import bwdSoftmax from './attention_backward_softmax.wgsl?raw';
import bwdQkv from './attention_backward_qkv.wgsl?raw';
import decode from './attention_decode.wgsl?raw';
import kvWrite from './kvcache_write.wgsl?raw';
import { rowWorkgroup } from './row-workgroup';
import { withReduce, type ReductionVariant } from './wgsl-include';

export function attentionForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, preatt: Binding, att: Binding, qkv: Binding, B: number, T: number, C: number, NH: number, variant: ReductionVariant = 'auto'): void {
  const scale = 1 / Math.sqrt(C / NH);
  ctx.dispatch(pass, scores, [ctx.params([B, T, C, NH], [scale]), preatt, qkv], ctx.grid1d(B * NH * T * T));
  ctx.dispatch(pass, withReduce(ctx, softmax, variant), [ctx.params([B * NH * T, T]), att, preatt], ctx.gridRows(B * NH * T), { WG: rowWorkgroup(T, 256) });
  ctx.dispatch(pass, value, [ctx.params([B, T, C, NH]), out, att, qkv], ctx.grid1d(B * T * C));
}

/** Accumulates into dqkv, dpreatt and datt (dpreatt and datt must be zero on entry, as on CPU). */
export function attentionBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dqkv: Binding, dpreatt: Binding, datt: Binding, dout: Binding, qkv: Binding, att: Binding, B: number, T: number, C: number, NH: number): void {
  const scale = 1 / Math.sqrt(C / NH);
  ctx.dispatch(pass, bwdDatt, [ctx.params([B, T, C, NH]), datt, dout, qkv], ctx.grid1d(B * NH * T * T));
  ctx.dispatch(pass, bwdSoftmax, [ctx.params([B * NH * T, T]), dpreatt, att, datt], ctx.gridRows(B * NH * T), { WG: rowWorkgroup(T, 256) });
  ctx.dispatch(pass, bwdQkv, [ctx.params([B, T, C, NH], [scale]), dqkv, dpreatt, att, qkv, dout], ctx.grid1d(B * T * C));
}

/** Stores the k, v of N tokens (qkv [N, 3C]) into caches [rows, maxT, C] at (rowOf[n], pos[n]). */
export function kvcacheWriteGpu(ctx: GpuContext, pass: GPUComputePassEncoder, kcache: Binding, vcache: Binding, qkv: Binding, rowOf: Binding, pos: Binding, N: number, C: number, maxT: number): void {
  ctx.dispatch(pass, kvWrite, [ctx.params([N, C, maxT]), kcache, vcache, qkv, rowOf, pos], ctx.grid1d(N * C));
}

/** out[N, C]: each token's attention over its row's cached positions 0..pos[n]. */
export function attentionDecodeGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, qkv: Binding, kcache: Binding, vcache: Binding, rowOf: Binding, pos: Binding, N: number, C: number, NH: number, maxT: number, variant: ReductionVariant = 'auto'): void {
  const scale = 1 / Math.sqrt(C / NH);
  ctx.dispatch(pass, withReduce(ctx, decode, variant), [ctx.params([N, C, NH], [scale]), out, qkv, kcache, vcache, rowOf, pos], ctx.gridRows(N * NH), { MAX_T: maxT });
}
