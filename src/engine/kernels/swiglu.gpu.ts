// Dispatch glue for SwiGLU (CPU reference: swiglu.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './swiglu_forward.wgsl?raw';
import bwd from './swiglu_backward.wgsl?raw';

export function swigluForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, gate: Binding, up: Binding, N: number): void {
  ctx.dispatch(pass, fwd, [ctx.params([N]), out, gate, up], ctx.grid1d(N));
}

/** Writes dgate and dup. */
export function swigluBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dgate: Binding, dup: Binding, dout: Binding, gate: Binding, up: Binding, N: number): void {
  ctx.dispatch(pass, bwd, [ctx.params([N]), dgate, dup, dout, gate, up], ctx.grid1d(N));
}
