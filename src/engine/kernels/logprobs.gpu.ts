// Dispatch glue for token log-probabilities and entropies (CPU reference: logprobs.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import fwd from './logprobs_forward.wgsl?raw';
import bwd from './logprobs_backward.wgsl?raw';
import { rowWorkgroup } from './row-workgroup';
import { withReduce, type ReductionVariant } from './wgsl-include';

/** invT = 1 / temperature (1 = the logits themselves). */
export function logprobsForwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, logprobs: Binding, entropy: Binding, probs: Binding, logits: Binding, targets: Binding, N: number, V: number, invT = 1, variant: ReductionVariant = 'auto'): void {
  ctx.dispatch(pass, withReduce(ctx, fwd, variant), [ctx.params([N, V], [invT]), logprobs, entropy, probs, logits, targets], ctx.gridRows(N), { WG: rowWorkgroup(V, 256) });
}

/** dlogits is WRITTEN (not accumulated); dentropy null = no entropy term. */
export function logprobsBackwardGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dlogits: Binding, dlogprobs: Binding, dentropy: Binding | null, probs: Binding, targets: Binding, N: number, V: number, invT = 1, variant: ReductionVariant = 'auto'): void {
  ctx.dispatch(pass, withReduce(ctx, bwd, variant), [ctx.params([N, V], [invT]), dlogits, dlogprobs, dentropy ?? ctx.dummy, probs, targets], ctx.gridRows(N), { HAS_DENTROPY: dentropy ? 1 : 0, WG: rowWorkgroup(V, 256) });
}
