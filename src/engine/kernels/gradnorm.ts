// Global gradient L2 norm (squared, accumulated in float64 over several buffers) and in-place
// scaling for clipping. CPU reference for the WGSL kernels.

export function gradNormSquared(grads: Float32Array[]): number {
  let s = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return s;
}

export function scaleInPlace(buf: Float32Array, N: number, s: number): void {
  for (let i = 0; i < N; i++) buf[i] *= s;
}
