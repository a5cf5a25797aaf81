// Dispatch glue for the LayerNorm kernels (CPU reference: layernorm.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './layernorm_forward.wgsl?raw';
import bwd from './layernorm_backward.wgsl?raw';
import bwdParams from './layernorm_backward_params.wgsl?raw';
import { rowWorkgroup } from './row-workgroup';
import { withReduce, type ReductionVariant } from './wgsl-include';

export function layernormForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, mean: Binding, rstd: Binding, inp: Binding, weight: Binding, bias: Binding, N: number, C: number, eps: number, variant: ReductionVariant = 'auto'): void {
  ctx.dispatch(pass, withReduce(ctx, fwd, variant), [ctx.params([N, C], [eps]), out, mean, rstd, inp, weight, bias], ctx.gridRows(N), { WG: rowWorkgroup(C, 256) });
}

/** Accumulates into dinp, dweight and dbias. */
export function layernormBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dinp: Binding, dweight: Binding, dbias: Binding, dout: Binding, inp: Binding, weight: Binding, mean: Binding, rstd: Binding, N: number, C: number, variant: ReductionVariant = 'auto'): void {
  ctx.dispatch(pass, withReduce(ctx, bwd, variant), [ctx.params([N, C]), dinp, dout, inp, weight, mean, rstd], ctx.gridRows(N), { WG: rowWorkgroup(C, 256) });
  ctx.dispatch(pass, bwdParams, [ctx.params([N, C]), dweight, dbias, dout, inp, mean, rstd], [Math.ceil(C / 64)]);
}
