// Trainable token rows on the GPU (PEFT's trainable_token_indices, e.g. new <|out_lang_xx|> tags
// after an embedding resize), as llama/backward.ts's tokenRows on the CPU: the base embedding stays
// frozen and packed 16-bit; the K trained rows live in float32 in the adapter's buffer and replace
// the frozen rows in the embedding lookup and, when the head is tied to the embedding, in the LM
// head's columns of those ids (forward, and the head's input gradient through a correction by
// rows - base). Their gradient is the lookup's share plus (tied) the head's share.
import type { Binding, GpuContext } from '../../backend/gpu-context';
import embedCode from './token_rows_embed.wgsl?raw';
import headCode from './token_rows_head.wgsl?raw';
import headDxCode from './token_rows_head_dx.wgsl?raw';
import gradCode from './token_rows_grad.wgsl?raw';

export interface GpuTokenRows {
  /** number of rows */
  K: number;
  /** token ids, i32 [K] */
  ids: GPUBuffer;
  /** the trained rows, f32 [K, hidden] */
  rows: Binding;
  /** the frozen embedding's rows for those ids as the packed head reads them, f32 [K, hidden] */
  base: GPUBuffer;
  /** gradient target [K, hidden] (null in forward-only use) */
  grad: Binding | null;
  /** the LM head is the embedding */
  tied: boolean;
}

/** embedded[n] = rows[k] where tokens[n] = ids[k] (after the frozen lookup). */
export function tokenRowsEmbedGpu(ctx: GpuContext, pass: GPUComputePassEncoder, r: GpuTokenRows, embedded: Binding, tokens: Binding, N: number, H: number): void {
  ctx.dispatch(pass, embedCode, [ctx.params([N, H, r.K]), embedded, tokens, r.ids, r.rows], ctx.grid1d(N * H));
}

/** Tied head: logits[n, ids[k]] = lnf[n] · rows[k] (after the frozen head's matmul). */
export function tokenRowsHeadGpu(ctx: GpuContext, pass: GPUComputePassEncoder, r: GpuTokenRows, logits: Binding, lnf: Binding, N: number, H: number, V: number): void {
  if (!r.tied) return;
  ctx.dispatch(pass, headCode, [ctx.params([N, H, r.K, V]), logits, lnf, r.ids, r.rows], ctx.grid1d(N * r.K));
}

/** Tied head: dln[n] += Σ_k dlogits[n, ids[k]] (rows[k] - base[k]) (after the frozen head's dx). */
export function tokenRowsHeadDxGpu(ctx: GpuContext, pass: GPUComputePassEncoder, r: GpuTokenRows, dln: Binding, dlogits: Binding, N: number, H: number, V: number): void {
  if (!r.tied) return;
  ctx.dispatch(pass, headDxCode, [ctx.params([N, H, r.K, V]), dln, dlogits, r.ids, r.rows, r.base], ctx.grid1d(N * H));
}

/** grad[k] += (tied) Σ_n dlogits[n, ids[k]] lnf[n] + Σ_{tokens[n] = ids[k]} dres[n] (accumulated). */
export function tokenRowsGradGpu(
  ctx: GpuContext, pass: GPUComputePassEncoder, r: GpuTokenRows, dlogits: Binding, lnf: Binding, dres: Binding, tokens: Binding, N: number, H: number, V: number,
): void {
  if (!r.grad) throw new Error('tokenRowsGradGpu: the token rows have no gradient buffer');
  ctx.dispatch(pass, gradCode, [ctx.params([N, H, r.K, V, r.tied ? 1 : 0]), r.grad, dlogits, lnf, dres, tokens, r.ids], ctx.grid1d(r.K * H));
}
