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

/**
 * The one inner kernel: out[i * ldo + j] (+)= Σ_k a[i * K + k] * b[j * K + k] for i < M, j < N.
 * Register-blocked 4x4 (sixteen float64 accumulators, each operand row read once per block), with
 * every output accumulated sequentially over k in float64, so a row computes to the same bits
 * whether it falls in a block or in the remainder (the KV cache relies on that).
 */
function gemmNT(
  out: Float32Array, ldo: number, a: Float32Array, M: number, b: Float32Array, N: number, K: number,
  accumulate: boolean, bias: Float32Array | null,
): void {
  const M4 = M - (M % 4), N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const x0 = i * K, x1 = x0 + K, x2 = x1 + K, x3 = x2 + K;
    for (let j = 0; j < N4; j += 4) {
      const w0 = j * K, w1 = w0 + K, w2 = w1 + K, w3 = w2 + K;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
      for (let k = 0; k < K; k++) {
        const p = a[x0 + k], q = a[x1 + k], r = a[x2 + k], s = a[x3 + k];
        const u0 = b[w0 + k], u1 = b[w1 + k], u2 = b[w2 + k], u3 = b[w3 + k];
        a0 += p * u0; a1 += p * u1; a2 += p * u2; a3 += p * u3;
        b0 += q * u0; b1 += q * u1; b2 += q * u2; b3 += q * u3;
        c0 += r * u0; c1 += r * u1; c2 += r * u2; c3 += r * u3;
        d0 += s * u0; d1 += s * u1; d2 += s * u2; d3 += s * u3;
      }
      store4(out, i * ldo + j, a0, a1, a2, a3, accumulate, bias, j);
      store4(out, (i + 1) * ldo + j, b0, b1, b2, b3, accumulate, bias, j);
      store4(out, (i + 2) * ldo + j, c0, c1, c2, c3, accumulate, bias, j);
      store4(out, (i + 3) * ldo + j, d0, d1, d2, d3, accumulate, bias, j);
    }
    for (let j = N4; j < N; j++) {
      for (let ii = i; ii < i + 4; ii++) store1(out, ii * ldo + j, dot(a, ii * K, b, j * K, K), accumulate, bias, j);
    }
  }
  for (let i = M4; i < M; i++) {
    for (let j = 0; j < N; j++) store1(out, i * ldo + j, dot(a, i * K, b, j * K, K), accumulate, bias, j);
  }
}

function store4(
  out: Float32Array, at: number, v0: number, v1: number, v2: number, v3: number,
  accumulate: boolean, bias: Float32Array | null, j: number,
): void {
  store1(out, at, v0, accumulate, bias, j);
  store1(out, at + 1, v1, accumulate, bias, j + 1);
  store1(out, at + 2, v2, accumulate, bias, j + 2);
  store1(out, at + 3, v3, accumulate, bias, j + 3);
}

function store1(out: Float32Array, at: number, v: number, accumulate: boolean, bias: Float32Array | null, j: number): void {
  if (accumulate) out[at] += v;
  else out[at] = (bias ? bias[j] : 0) + v;
}

/** Σ_k a[ao + k] * b[bo + k] for k < K, accumulated sequentially in float64 (as gemmNT's blocks) */
function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, K: number): number {
  let s = 0;
  for (let k = 0; k < K; k++) s += a[ao + k] * b[bo + k];
  return s;
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
  gemmNT(out, OC, inp, N, weightT, OC, C, false, bias);
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
  gemmNT(dinp, C, dout, N, weight, C, OC, true, null);
  // dweight[i,o] += Σ_n inp[n,i] dout[n,o]
  const inpT = scratch('a', C * N);
  const doutT = scratch('b', OC * N);
  transpose(inpT, inp, N, C);
  transpose(doutT, dout, N, OC);
  gemmNT(dweight, OC, inpT, C, doutT, OC, N, true, null);
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
  gemmNT(out, V, inp, N, weightT, V, C, false, null);
}

export function matmulBackwardNT(
  dinp: Float32Array, dweightT: Float32Array, dout: Float32Array,
  inp: Float32Array, weightT: Float32Array, N: number, C: number, V: number,
): void {
  // dinp[n,i] += Σ_v dout[n,v] weightT[v,i]
  const wT = scratch('a', C * V);
  transpose(wT, weightT, V, C);
  gemmNT(dinp, C, dout, N, wT, C, V, true, null);
  // dweightT[v,i] += Σ_n dout[n,v] inp[n,i]
  const doutT = scratch('a', V * N);
  const inpT = scratch('b', C * N);
  transpose(doutT, dout, N, V);
  transpose(inpT, inp, N, C);
  gemmNT(dweightT, C, doutT, V, inpT, C, N, true, null);
}
