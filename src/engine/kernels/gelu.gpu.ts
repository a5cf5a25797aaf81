// Dispatch glue for GELU (CPU reference: gelu.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './gelu_forward.wgsl?raw';
import bwd from './gelu_backward.wgsl?raw';

export function geluForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, inp: Binding, N: number): void {
  ctx.dispatch(pass, fwd, [ctx.params([N]), out, inp], ctx.grid1d(N));
}

/** dinp += gelu'(inp) * dout */
export function geluBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dinp: Binding, inp: Binding, dout: Binding, N: number): void {
  ctx.dispatch(pass, bwd, [ctx.params([N]), dinp, inp, dout], ctx.grid1d(N));
}
