// Dispatch glue for RMSNorm (CPU reference: rmsnorm.ts). Where the device has the `subgroups`
// feature the row reductions use subgroup operations (reduce_subgroups.wgsl included in place of
// reduce_tree.wgsl, wgsl-include.ts); `variant` forces one (tests check both against the CPU reference).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './rmsnorm_forward.wgsl?raw';
import bwd from './rmsnorm_backward.wgsl?raw';
import bwdWeight from './rmsnorm_backward_weight.wgsl?raw';
import { rowWorkgroup } from './row-workgroup';

import { withReduce, type ReductionVariant } from './wgsl-include';

export type { ReductionVariant };

export function rmsnormForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, rstd: Binding, inp: Binding, weight: Binding, N: number, C: number, eps: number, variant: ReductionVariant = 'auto'): void {
  ctx.dispatch(pass, withReduce(ctx, fwd, variant), [ctx.params([N, C], [eps]), out, rstd, inp, weight], ctx.gridRows(N), { WG: rowWorkgroup(C, 256) });
}

/** Accumulates into dinp, and into dweight unless it is null (a frozen weight). */
export function rmsnormBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dinp: Binding, dweight: Binding | null, dout: Binding, inp: Binding, weight: Binding, rstd: Binding, N: number, C: number, variant: ReductionVariant = 'auto'): void {
  ctx.dispatch(pass, withReduce(ctx, bwd, variant), [ctx.params([N, C]), dinp, dout, inp, weight, rstd], ctx.gridRows(N), { WG: rowWorkgroup(C, 256) });
  if (dweight) ctx.dispatch(pass, bwdWeight, [ctx.params([N, C]), dweight, dout, inp, rstd], [Math.ceil(C / 64)]);
}
