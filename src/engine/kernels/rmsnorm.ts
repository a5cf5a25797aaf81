// RMSNorm over the last dimension, as transformers' LlamaRMSNorm / Qwen2RMSNorm / Qwen3RMSNorm:
//   out = x * rstd * weight, rstd = 1 / sqrt(mean(x²) + eps)
// CPU reference for the WGSL kernels (rmsnorm_forward.wgsl, rmsnorm_backward*.wgsl).
// Shapes: inp, out, dinp, dout [N, C] row-major; weight, dweight [C]; rstd [N].
// Qwen3's q_norm / k_norm are the same op per head: rows N = B*T*nHead of C = headDim.
// Backward ACCUMULATES (+=) into dinp and dweight.

export function rmsnormForward(
  out: Float32Array, rstd: Float32Array, inp: Float32Array, weight: Float32Array,
  N: number, C: number, eps: number,
): void {
  for (let n = 0; n < N; n++) {
    const x = n * C;
    let ss = 0;
    for (let i = 0; i < C; i++) ss += inp[x + i] * inp[x + i];
    const r = 1 / Math.sqrt(ss / C + eps);
    for (let i = 0; i < C; i++) out[x + i] = inp[x + i] * r * weight[i];
    rstd[n] = r;
  }
}

/**
 * With norm_i = x_i r and g_i = w_i dout_i:
 *   dx_i = r (g_i - norm_i · mean_j(g_j norm_j)),  dw_i = Σ_rows norm_i dout_i.
 */
export function rmsnormBackward(
  dinp: Float32Array, dweight: Float32Array, dout: Float32Array, inp: Float32Array,
  weight: Float32Array, rstd: Float32Array, N: number, C: number,
): void {
  for (let n = 0; n < N; n++) {
    const x = n * C;
    const r = rstd[n];
    let dot = 0;
    for (let i = 0; i < C; i++) dot += weight[i] * dout[x + i] * inp[x + i] * r;
    dot /= C;
    for (let i = 0; i < C; i++) {
      const norm = inp[x + i] * r;
      dweight[i] += norm * dout[x + i];
      dinp[x + i] += r * (weight[i] * dout[x + i] - norm * dot);
    }
  }
}
