// Dispatch glue for zero_fill.wgsl: clears N floats of a buffer inside a compute pass (unlike
// GPUCommandEncoder.clearBuffer, which needs the pass ended).
import type { Binding, GpuContext } from '../backend/gpu-context';
import code from './zero_fill.wgsl?raw';

export function zeroFillGpu(ctx: GpuContext, pass: GPUComputePassEncoder, buf: Binding, N: number): void {
  ctx.dispatch(pass, code, [ctx.params([N]), buf], ctx.grid1d(N));
}
