// Matrix multiplies, llm.c style, weights in Hugging Face Conv1D layout [in, out]. CPU reference for
// the WGSL kernels. Backward functions ACCUMULATE (+=) into dinp, dweight and dbias.
// The NT variants multiply by a transposed weight stored [V, C] (the LM head tied to wte).
// Every output element is one dot product accumulated in float64 (JS numbers) over contiguous
// memory: operands are transposed into scratch first where needed, which keeps the inner loops
// sequential and fast in JavaScript engines.

let scratchA = new Float32Array(0);
let scratchB = new Float32Array(0);

function scratch(which: 'a' | 'b', n: number): Float32Array {
  if (which === 'a') {
    if (scratchA.length < n) scratchA = new Float32Array(n);
    return scratchA;
  }
  if (scratchB.length < n) scratchB = new Float32Array(n);
  return scratchB;
}

/** dst[c * R + r] = src[r * Cols + c]: transposes an [R, Cols] matrix into [Cols, R] */
function transpose(dst: Float32Array, src: Float32Array, R: number, Cols: number): void {
  for (let r = 0; r < R; r++) {
    const s = r * Cols;
    for (let c = 0; c < Cols; c++) dst[c * R + r] = src[s + c];
  }
}

/** Σ_k a[ao + k] * b[bo + k] for k < K, accumulated in float64 */
function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, K: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < K; k += 4) {
    s0 += a[ao + k] * b[bo + k];
    s1 += a[ao + k + 1] * b[bo + k + 1];
    s2 += a[ao + k + 2] * b[bo + k + 2];
    s3 += a[ao + k + 3] * b[bo + k + 3];
  }
  for (; k < K; k++) s0 += a[ao + k] * b[bo + k];
  return s0 + s1 + (s2 + s3);
}

/** out[N,OC] = inp[N,C] · weight[C,OC] + bias[OC] (bias may be null) */
export function matmulForward(
  out: Float32Array, inp: Float32Array, weight: Float32Array, bias: Float32Array | null,
  N: number, C: number, OC: number,
): void {
  const wT = scratch('a', OC * C);
  transpose(wT, weight, C, OC);
  matmulForwardPretransposed(out, inp, wT, bias, N, C, OC);
}

/**
 * matmulForward with the weight already transposed to [OC, C] (e.g. once per generation by the KV
 * cache, which then computes bit-identical rows without re-transposing per token).
 */
export function matmulForwardPretransposed(
  out: Float32Array, inp: Float32Array, weightT: Float32Array, bias: Float32Array | null,
  N: number, C: number, OC: number,
): void {
  for (let n = 0; n < N; n++) {
    const x = n * C;
    const y = n * OC;
    for (let o = 0; o < OC; o++) out[y + o] = (bias ? bias[o] : 0) + dot(inp, x, weightT, o * C, C);
  }
}

/** [R, Cols] -> new [Cols, R] copy */
export function transposed(src: Float32Array, R: number, Cols: number): Float32Array {
  const dst = new Float32Array(R * Cols);
  transpose(dst, src, R, Cols);
  return dst;
}

export function matmulBackward(
  dinp: Float32Array, dweight: Float32Array, dbias: Float32Array | null,
  dout: Float32Array, inp: Float32Array, weight: Float32Array,
  N: number, C: number, OC: number,
): void {
  // dinp[n,i] += Σ_o dout[n,o] weight[i,o]
  for (let n = 0; n < N; n++) {
    const x = n * C;
    const y = n * OC;
    for (let i = 0; i < C; i++) dinp[x + i] += dot(dout, y, weight, i * OC, OC);
  }
  // dweight[i,o] += Σ_n inp[n,i] dout[n,o]
  const inpT = scratch('a', C * N);
  const doutT = scratch('b', OC * N);
  transpose(inpT, inp, N, C);
  transpose(doutT, dout, N, OC);
  for (let i = 0; i < C; i++) {
    const w = i * OC;
    for (let o = 0; o < OC; o++) dweight[w + o] += dot(inpT, i * N, doutT, o * N, N);
  }
  if (dbias) {
    for (let o = 0; o < OC; o++) {
      let s = 0;
      const r = o * N;
      for (let n = 0; n < N; n++) s += doutT[r + n];
      dbias[o] += s;
    }
  }
}

/** out[N,V] = inp[N,C] · weightT[V,C]ᵀ (no bias) */
export function matmulForwardNT(
  out: Float32Array, inp: Float32Array, weightT: Float32Array, N: number, C: number, V: number,
): void {
  for (let n = 0; n < N; n++) {
    const x = n * C;
    const y = n * V;
    for (let v = 0; v < V; v++) out[y + v] = dot(inp, x, weightT, v * C, C);
  }
}

export function matmulBackwardNT(
  dinp: Float32Array, dweightT: Float32Array, dout: Float32Array,
  inp: Float32Array, weightT: Float32Array, N: number, C: number, V: number,
): void {
  // dinp[n,i] += Σ_v dout[n,v] weightT[v,i]
  const wT = scratch('a', C * V);
  transpose(wT, weightT, V, C);
  for (let n = 0; n < N; n++) {
    const x = n * C;
    const y = n * V;
    for (let i = 0; i < C; i++) dinp[x + i] += dot(dout, y, wT, i * V, V);
  }
  // dweightT[v,i] += Σ_n dout[n,v] inp[n,i]
  const doutT = scratch('a', V * N);
  const inpT = scratch('b', C * N);
  transpose(doutT, dout, N, V);
  transpose(inpT, inp, N, C);
  for (let v = 0; v < V; v++) {
    const w = v * C;
    for (let i = 0; i < C; i++) dweightT[w + i] += dot(doutT, v * N, inpT, i * N, N);
  }
}
