// Exports: Linear (one projection: base weight [out, in] and bias, optional LoRA pair, and gradient
// targets, null where frozen) and linearForward / linearBackward, transformers' nn.Linear plus PEFT's
//   y = x Wᵀ + b + scale · (x Aᵀ) Bᵀ        (LoRA dropout 0)
// Backward ACCUMULATES into dx and into every non-null gradient; a frozen base weight costs only
// dx += dy W (no weight-gradient product).
import { matmulBackwardNT, matmulForward, matmulForwardNT } from '../kernels/matmul';

export interface Linear {
  inDim: number;
  outDim: number;
  w: Float32Array;
  b: Float32Array | null;
  /** null when the base weight is frozen */
  dw: Float32Array | null;
  db: Float32Array | null;
  lora: { a: Float32Array; b: Float32Array; r: number; scale: number; da: Float32Array | null; dB: Float32Array | null } | null;
}

/** out [N, outDim]; xa [N, r] receives x Aᵀ (kept for backward) when the linear has LoRA. */
export function linearForward(lin: Linear, out: Float32Array, x: Float32Array, xa: Float32Array | null, N: number): void {
  const { inDim, outDim } = lin;
  matmulForwardNT(out, x, lin.w, N, inDim, outDim);
  if (lin.b) {
    for (let n = 0; n < N; n++) for (let o = 0; o < outDim; o++) out[n * outDim + o] += lin.b[o];
  }
  if (lin.lora) {
    const { a, b, r, scale } = lin.lora;
    const xaBuf = xa ?? new Float32Array(N * r);
    matmulForwardNT(xaBuf, x, a, N, inDim, r);
    const delta = new Float32Array(N * outDim);
    matmulForwardNT(delta, xaBuf, b, N, r, outDim);
    for (let i = 0; i < N * outDim; i++) out[i] += scale * delta[i];
  }
}

export function linearBackward(lin: Linear, dx: Float32Array, dy: Float32Array, x: Float32Array, xa: Float32Array | null, N: number): void {
  const { inDim, outDim } = lin;
  if (lin.dw) matmulBackwardNT(dx, lin.dw, dy, x, lin.w, N, inDim, outDim);
  else {
    const t = new Float32Array(N * inDim);
    matmulForward(t, dy, lin.w, null, N, outDim, inDim); // dy [N, out] · W [out, in]
    for (let i = 0; i < t.length; i++) dx[i] += t[i];
  }
  if (lin.db) {
    for (let n = 0; n < N; n++) for (let o = 0; o < outDim; o++) lin.db[o] += dy[n * outDim + o];
  }
  if (lin.lora) {
    const { a, b, r, scale } = lin.lora;
    if (!xa) throw new Error('linearBackward: LoRA needs the x Aᵀ saved by the forward pass');
    const sdy = new Float32Array(N * outDim);
    for (let i = 0; i < sdy.length; i++) sdy[i] = scale * dy[i];
    const dxa = new Float32Array(N * r);
    // dxa = scale dy B; dB += scale dyᵀ xa
    matmulBackwardNT(dxa, lin.lora.dB ?? new Float32Array(outDim * r), sdy, xa, b, N, r, outDim);
    // dx += dxa A; dA += dxaᵀ x
    matmulBackwardNT(dx, lin.lora.da ?? new Float32Array(r * inDim), dxa, x, a, N, inDim, r);
  }
}
