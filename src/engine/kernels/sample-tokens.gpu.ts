// Dispatch glue for the next-token kernel (sample_tokens.wgsl; rule and CPU reference: sample-tokens.ts).
import type { Binding, GpuContext } from '../backend/gpu-context';
import code from './sample_tokens.wgsl?raw';
import type { SamplerSettings } from './sample-tokens';

/**
 * out[2N] = (token id, log-probability) per row of logits [N, V], drawing row n with the uniform
 * u[n] in [0, 1) (unused when greedy); w [N, V] is scratch.
 */
export function sampleTokensGpu(
  ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, logits: Binding, u: Binding, w: Binding, N: number, V: number, s: SamplerSettings,
): void {
  const greedy = s.temperature > 0 ? 0 : 1;
  const topK = s.topK > 0 && s.topK < V ? s.topK : 0;
  const topP = s.topP > 0 && s.topP < 1 ? s.topP : 1;
  ctx.dispatch(pass, code, [ctx.params([N, V, topK, greedy], [greedy ? 1 : s.temperature, topP]), out, logits, u, w], ctx.gridRows(N), { WG: sampleWorkgroup(V) });
}

/**
 * Threads per row: about 32 ids per thread, 32 to 128 threads. The kernel's reductions cost two
 * barriers plus one pass over WG partials, so few threads are cheap; long rows still spread out.
 */
function sampleWorkgroup(V: number): number {
  let wg = 32;
  while (wg < 128 && wg * 32 < V) wg *= 2;
  return wg;
}
