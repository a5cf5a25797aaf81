// Matrix multiplies, llm.c style, weights in Hugging Face Conv1D layout [in, out]. CPU reference for
// the WGSL kernels. Backward functions ACCUMULATE (+=) into dinp, dweight and dbias.
// The NT variants multiply by a transposed weight stored [V, C] (the LM head tied to wte).

/** out[N,OC] = inp[N,C] · weight[C,OC] + bias[OC] (bias may be null) */
export function matmulForward(
  out: Float32Array, inp: Float32Array, weight: Float32Array, bias: Float32Array | null,
  N: number, C: number, OC: number,
): void {
  const acc = new Float64Array(OC);
  for (let n = 0; n < N; n++) {
    if (bias) for (let o = 0; o < OC; o++) acc[o] = bias[o];
    else acc.fill(0);
    const x = n * C;
    for (let i = 0; i < C; i++) {
      const a = inp[x + i];
      if (a === 0) continue;
      const w = i * OC;
      for (let o = 0; o < OC; o++) acc[o] += a * weight[w + o];
    }
    const y = n * OC;
    for (let o = 0; o < OC; o++) out[y + o] = acc[o];
  }
}

export function matmulBackward(
  dinp: Float32Array, dweight: Float32Array, dbias: Float32Array | null,
  dout: Float32Array, inp: Float32Array, weight: Float32Array,
  N: number, C: number, OC: number,
): void {
  for (let n = 0; n < N; n++) {
    const y = n * OC;
    const x = n * C;
    for (let i = 0; i < C; i++) {
      const w = i * OC;
      let s = 0;
      for (let o = 0; o < OC; o++) s += dout[y + o] * weight[w + o];
      dinp[x + i] += s;
    }
  }
  // dweight[i,o] += sum_n inp[n,i] * dout[n,o]
  const acc = new Float64Array(OC);
  for (let i = 0; i < C; i++) {
    acc.fill(0);
    for (let n = 0; n < N; n++) {
      const a = inp[n * C + i];
      if (a === 0) continue;
      const y = n * OC;
      for (let o = 0; o < OC; o++) acc[o] += a * dout[y + o];
    }
    const w = i * OC;
    for (let o = 0; o < OC; o++) dweight[w + o] += acc[o];
  }
  if (dbias) {
    acc.fill(0);
    for (let n = 0; n < N; n++) {
      const y = n * OC;
      for (let o = 0; o < OC; o++) acc[o] += dout[y + o];
    }
    for (let o = 0; o < OC; o++) dbias[o] += acc[o];
  }
}

/** out[N,V] = inp[N,C] · weightT[V,C]ᵀ (no bias) */
export function matmulForwardNT(
  out: Float32Array, inp: Float32Array, weightT: Float32Array, N: number, C: number, V: number,
): void {
  for (let n = 0; n < N; n++) {
    const x = n * C;
    const y = n * V;
    for (let v = 0; v < V; v++) {
      const w = v * C;
      let s = 0;
      for (let i = 0; i < C; i++) s += inp[x + i] * weightT[w + i];
      out[y + v] = s;
    }
  }
}

export function matmulBackwardNT(
  dinp: Float32Array, dweightT: Float32Array, dout: Float32Array,
  inp: Float32Array, weightT: Float32Array, N: number, C: number, V: number,
): void {
  const acc = new Float64Array(C);
  for (let n = 0; n < N; n++) {
    acc.fill(0);
    const y = n * V;
    for (let v = 0; v < V; v++) {
      const d = dout[y + v];
      if (d === 0) continue;
      const w = v * C;
      for (let i = 0; i < C; i++) acc[i] += d * weightT[w + i];
    }
    const x = n * C;
    for (let i = 0; i < C; i++) dinp[x + i] += acc[i];
  }
  for (let v = 0; v < V; v++) {
    acc.fill(0);
    for (let n = 0; n < N; n++) {
      const d = dout[n * V + v];
      if (d === 0) continue;
      const x = n * C;
      for (let i = 0; i < C; i++) acc[i] += d * inp[x + i];
    }
    const w = v * C;
    for (let i = 0; i < C; i++) dweightT[w + i] += acc[i];
  }
}
