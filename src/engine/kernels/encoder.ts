// Token + learned position embedding (GPT-2 "encoder"), llm.c style. CPU reference for the WGSL kernel.
// out[b,t,:] = wte[inp[b,t],:] + wpe[t,:]. Backward ACCUMULATES (+=) into dwte and dwpe.

export function encoderForward(
  out: Float32Array, inp: Int32Array, wte: Float32Array, wpe: Float32Array,
  B: number, T: number, C: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const o = (b * T + t) * C;
      const ix = inp[b * T + t];
      const w = ix * C;
      const p = t * C;
      for (let i = 0; i < C; i++) out[o + i] = wte[w + i] + wpe[p + i];
    }
  }
}

export function encoderBackward(
  dwte: Float32Array, dwpe: Float32Array, dout: Float32Array, inp: Int32Array,
  B: number, T: number, C: number,
): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const o = (b * T + t) * C;
      const w = inp[b * T + t] * C;
      const p = t * C;
      for (let i = 0; i < C; i++) {
        const d = dout[o + i];
        dwte[w + i] += d;
        dwpe[p + i] += d;
      }
    }
  }
}
