// Dispatch glue for the embedding kernels (CPU reference: encoder.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './encoder_forward.wgsl?raw';
import atPos from './encoder_positions.wgsl?raw';
import bwdWte from './encoder_backward_wte.wgsl?raw';
import bwdWpe from './encoder_backward_wpe.wgsl?raw';

/** out[B*T*C] = wte[inp] + wpe[t] */
export function encoderForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, inp: Binding, wte: Binding, wpe: Binding, B: number, T: number, C: number): void {
  ctx.dispatch(pass, fwd, [ctx.params([B * T, T, C]), out, inp, wte, wpe], ctx.grid1d(B * T * C));
}

/** out[N*C] = wte[tok[n]] + wpe[pos[n]] (decoding at explicit positions) */
export function encoderPositionsGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, tok: Binding, pos: Binding, wte: Binding, wpe: Binding, N: number, C: number): void {
  ctx.dispatch(pass, atPos, [ctx.params([N, C]), out, tok, pos, wte, wpe], ctx.grid1d(N * C));
}

/** dwte[inp[n]] += dout[n]; dwpe[t] += sum_b dout[b, t] (accumulates) */
export function encoderBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dwte: Binding, dwpe: Binding, dout: Binding, inp: Binding, B: number, T: number, C: number): void {
  ctx.dispatch(pass, bwdWte, [ctx.params([B * T, C]), dwte, dout, inp], [Math.ceil(C / 64)]);
  ctx.dispatch(pass, bwdWpe, [ctx.params([B, T, C]), dwpe, dout], ctx.grid1d(T * C));
}
