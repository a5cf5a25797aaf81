// Dispatch glue for RoPE (CPU reference: rope.ts). Both directions rotate x [N, nH, D] in place;
// cos/sin are a [maxPos, D/2] table from ropeTable(invFreq, 0..maxPos-1), pos [N] int32.
import type { Binding, GpuContext } from '../backend/gpu-context';
import rope from './rope.wgsl?raw';

export function ropeForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, x: Binding, cos: Binding, sin: Binding, pos: Binding, N: number, nH: number, D: number): void {
  ctx.dispatch(pass, rope, [ctx.params([N, nH, D], [1]), x, cos, sin, pos], ctx.grid1d((N * nH * D) / 2));
}

/** dx <- Rᵀ dx in place (the gradient before the rotation). */
export function ropeBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dx: Binding, cos: Binding, sin: Binding, pos: Binding, N: number, nH: number, D: number): void {
  ctx.dispatch(pass, rope, [ctx.params([N, nH, D], [-1]), dx, cos, sin, pos], ctx.grid1d((N * nH * D) / 2));
}
