// Dispatch glue for softmax + cross-entropy (CPU reference: crossentropy.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './crossentropy_forward.wgsl?raw';
import bwd from './crossentropy_backward.wgsl?raw';
import { rowWorkgroup } from './row-workgroup';

export function crossEntropyForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, losses: Binding, probs: Binding, logits: Binding, targets: Binding, N: number, V: number): void {
  ctx.dispatch(pass, fwd, [ctx.params([N, V]), losses, probs, logits, targets], ctx.gridRows(N), { WG: rowWorkgroup(V, 256) });
}

/** dlogits is WRITTEN (not accumulated). */
export function crossEntropyBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dlogits: Binding, dlosses: Binding, probs: Binding, targets: Binding, N: number, V: number): void {
  ctx.dispatch(pass, bwd, [ctx.params([N, V]), dlogits, dlosses, probs, targets], ctx.grid1d(N * V));
}
