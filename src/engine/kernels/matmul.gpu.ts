// Dispatch glue for the matmuls (CPU reference: matmul.ts). Every product is one GEMM kernel with
// the operand layouts picked by override constants: the tiled kernel (matmul_tiled.wgsl), or on an
// adapter whose subgroups are exactly 4 lanes (a CPU's SIMD width: SwiftShader) the subgroup kernel
// (matmul_subgroup.wgsl) with its row tile chosen by the shape (gemm-variant.ts). Bias gradients use
// a column-reduction kernel.
import type { Binding, GpuContext } from '../backend/gpu-context';
import gemmSrc from './matmul_tiled.wgsl?raw';
import gemmSubgroupSrc from './matmul_subgroup.wgsl?raw';
import store8 from './store8_dense.wgsl?raw';
import acc16Zero from './acc16_zero.wgsl?raw';
import acc16Store from './acc16_store.wgsl?raw';
import { gemmVariant, subgroupTile, type GemmVariant } from './gemm-variant';
import { resolveIncludes } from './wgsl-include';
import biasBwd from './matmul_bias_backward.wgsl?raw';

const snippets = { store8, acc16_zero: acc16Zero, acc16_store: acc16Store };
const gemm = resolveIncludes(gemmSrc, snippets);
const gemmSubgroup = resolveIncludes(gemmSubgroupSrc, snippets);

export const GEMM_TILE = 64;

export interface GemmSpec {
  M: number;
  N: number;
  K: number;
  transA: boolean;
  transB: boolean;
  accumulate: boolean;
  bias?: Binding | null;
  /** 'auto' (default): the subgroup kernel where the adapter allows it, else the tiled one */
  variant?: GemmVariant;
}

/** a binding that can also be read as array<vec4<f32>>: 16-byte aligned offset and size */
function vec4Bindable(b: Binding): boolean {
  return 'buffer' in b ? b.offset % 16 === 0 && b.size % 16 === 0 : b.size % 16 === 0;
}

/**
 * c[M, N] (+)= op(a) · op(b) (+ bias); see matmul_tiled.wgsl for the layouts. An operand whose
 * contiguous dimension (K for a row-major A or a transposed B, M or N otherwise) is a multiple of 4
 * is loaded as vec4 through a second binding of the same buffer.
 */
export function gemmGpu(ctx: GpuContext, pass: GPUComputePassEncoder, c: Binding, a: Binding, b: Binding, s: GemmSpec): void {
  if (gemmVariant(ctx, s.variant) === 'subgroup') {
    const t = subgroupTile(s.M, s.N);
    const constants = { TRANS_A: s.transA ? 1 : 0, TRANS_B: s.transB ? 1 : 0, ACCUMULATE: s.accumulate ? 1 : 0, HAS_BIAS: s.bias ? 1 : 0, RB: t.rb };
    ctx.dispatch(pass, gemmSubgroup, [ctx.params([s.M, s.N, s.K]), c, a, b, s.bias ?? ctx.dummy], [Math.ceil(s.N / t.cols), Math.ceil(s.M / t.rows)], constants);
    return;
  }
  const vecA = (s.transA ? s.M : s.K) % 4 === 0 && vec4Bindable(a);
  const vecB = (s.transB ? s.K : s.N) % 4 === 0 && vec4Bindable(b);
  const constants = {
    TRANS_A: s.transA ? 1 : 0, TRANS_B: s.transB ? 1 : 0, ACCUMULATE: s.accumulate ? 1 : 0, HAS_BIAS: s.bias ? 1 : 0,
    VEC_A: vecA ? 1 : 0, VEC_B: vecB ? 1 : 0,
  };
  const bindings = [ctx.params([s.M, s.N, s.K]), c, a, b, s.bias ?? ctx.dummy, vecA ? a : ctx.dummy, vecB ? b : ctx.dummy];
  ctx.dispatch(pass, gemm, bindings, [Math.ceil(s.N / GEMM_TILE), Math.ceil(s.M / GEMM_TILE)], constants);
}

/** out[N, OC] = inp[N, C] · weight[C, OC] + bias */
export function matmulForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, inp: Binding, weight: Binding, bias: Binding | null, N: number, C: number, OC: number): void {
  gemmGpu(ctx, pass, out, inp, weight, { M: N, N: OC, K: C, transA: false, transB: false, accumulate: false, bias });
}

/**
 * dinp += dout · weightᵀ; dweight += inpᵀ · dout; dbias += column sums of dout.
 * accumulateDinp = false WRITES dinp instead (the model's activation gradients, saving a zero fill).
 */
export function matmulBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dinp: Binding, dweight: Binding, dbias: Binding | null, dout: Binding, inp: Binding, weight: Binding, N: number, C: number, OC: number, accumulateDinp = true): void {
  gemmGpu(ctx, pass, dinp, dout, weight, { M: N, N: C, K: OC, transA: false, transB: true, accumulate: accumulateDinp });
  gemmGpu(ctx, pass, dweight, inp, dout, { M: C, N: OC, K: N, transA: true, transB: false, accumulate: true });
  if (dbias) ctx.dispatch(pass, biasBwd, [ctx.params([N, OC]), dbias, dout], [Math.ceil(OC / 64)]);
}

/** out[N, V] = inp[N, C] · weightT[V, C]ᵀ (tied LM head) */
export function matmulForwardNTGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, inp: Binding, weightT: Binding, N: number, C: number, V: number): void {
  gemmGpu(ctx, pass, out, inp, weightT, { M: N, N: V, K: C, transA: false, transB: true, accumulate: false });
}

/** dinp += dout · weightT (written when accumulateDinp = false); dweightT += doutᵀ · inp */
export function matmulBackwardNTGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dinp: Binding, dweightT: Binding, dout: Binding, inp: Binding, weightT: Binding, N: number, C: number, V: number, accumulateDinp = true): void {
  gemmGpu(ctx, pass, dinp, dout, weightT, { M: N, N: C, K: V, transA: false, transB: false, accumulate: accumulateDinp });
  gemmGpu(ctx, pass, dweightT, dout, inp, { M: V, N: C, K: N, transA: true, transB: false, accumulate: true });
}
