// One projection of a Llama-family layer on the GPU: the frozen base Linear (GpuMatrix, optional
// bias) plus an optional LoRA pair, PEFT's  y = x Wᵀ + b + scale (x Aᵀ) Bᵀ  (dropout 0).
// xa [N, r] keeps scale·(x Aᵀ) for the backward pass, so:
//   dB += dyᵀ xa;  dxa = scale (dy B);  dA += dxaᵀ x;  dx (+)= dy W + dxa A.
// Base weights and biases are frozen: no gradient is computed or stored for them.
import type { Binding, GpuContext } from '../backend/gpu-context';
import { gemmGpu } from '../kernels/matmul.gpu';
import scaleCode from '../kernels/scale.wgsl?raw';
import biasBwd from '../kernels/matmul_bias_backward.wgsl?raw';
import { matBwdInput, matFwd } from './gpu-matrix';
import type { GpuLinear } from './weights';

export interface LoraBinding {
  r: number;
  scale: number;
  a: Binding;
  b: Binding;
  /** gradient targets (null in forward-only use) */
  da: Binding | null;
  db: Binding | null;
}

function scaleInPlace(ctx: GpuContext, pass: GPUComputePassEncoder, buf: Binding, n: number, s: number): void {
  if (s !== 1) ctx.dispatch(pass, scaleCode, [ctx.params([n], [s]), buf], ctx.grid1d(n));
}

export function linearFwdGpu(ctx: GpuContext, pass: GPUComputePassEncoder, lin: GpuLinear, lora: LoraBinding | null, y: Binding, x: Binding, xa: Binding | null, N: number): void {
  matFwd(ctx, pass, lin.w, y, x, N, lin.b);
  if (!lora) return;
  const inDim = lin.w.cols, outDim = lin.w.rows;
  gemmGpu(ctx, pass, xa!, x, lora.a, { M: N, N: lora.r, K: inDim, transA: false, transB: true, accumulate: false });
  scaleInPlace(ctx, pass, xa!, N * lora.r, lora.scale);
  gemmGpu(ctx, pass, y, xa!, lora.b, { M: N, N: outDim, K: lora.r, transA: false, transB: true, accumulate: true });
}

/**
 * dx is accumulated into when `accumulate`, else written; dxa [N, r] is scratch. `grad` (full
 * fine-tuning, float32 weights) also accumulates dW += dyᵀ x and db += Σ_rows dy.
 */
export function linearBwdGpu(ctx: GpuContext, pass: GPUComputePassEncoder, lin: GpuLinear, lora: LoraBinding | null, dx: Binding, dy: Binding, x: Binding, xa: Binding | null, dxa: Binding | null, N: number, accumulate: boolean, grad: GpuLinear | null = null): void {
  matBwdInput(ctx, pass, lin.w, dx, dy, N, accumulate);
  if (grad) {
    const outDim = lin.w.rows, inDim = lin.w.cols;
    gemmGpu(ctx, pass, grad.w.f32!, dy, x, { M: outDim, N: inDim, K: N, transA: true, transB: false, accumulate: true });
    if (grad.b) ctx.dispatch(pass, biasBwd, [ctx.params([N, outDim]), grad.b, dy], [Math.ceil(outDim / 64)]);
  }
  if (!lora) return;
  const inDim = lin.w.cols, outDim = lin.w.rows, r = lora.r;
  if (lora.db) gemmGpu(ctx, pass, lora.db, dy, xa!, { M: outDim, N: r, K: N, transA: true, transB: false, accumulate: true });
  gemmGpu(ctx, pass, dxa!, dy, lora.b, { M: N, N: r, K: outDim, transA: false, transB: false, accumulate: false });
  scaleInPlace(ctx, pass, dxa!, N * r, lora.scale);
  if (lora.da) gemmGpu(ctx, pass, lora.da, dxa!, x, { M: r, N: inDim, K: N, transA: true, transB: false, accumulate: true });
  gemmGpu(ctx, pass, dx, dxa!, lora.a, { M: N, N: inDim, K: r, transA: false, transB: false, accumulate: true });
}
