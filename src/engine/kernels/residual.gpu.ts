// Dispatch glue for the residual add (CPU reference: residual.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './residual_forward.wgsl?raw';
import bwd from './residual_backward.wgsl?raw';

export function residualForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, a: Binding, b: Binding, N: number): void {
  ctx.dispatch(pass, fwd, [ctx.params([N]), out, a, b], ctx.grid1d(N));
}

/** da += dout; db += dout */
export function residualBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, da: Binding, db: Binding, dout: Binding, N: number): void {
  ctx.dispatch(pass, bwd, [ctx.params([N]), da, db, dout], ctx.grid1d(N));
}
