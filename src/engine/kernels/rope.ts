// Rotary position embedding, rotate-half form as transformers' Llama / Qwen2 / Qwen3
// (apply_rotary_pos_emb): with half = D/2 and, for i < half, angle_i = pos · inv_freq[i],
//   out[i]        = x[i] cos_i - x[i + half] sin_i
//   out[i + half] = x[i + half] cos_i + x[i] sin_i
// CPU reference for rope_forward.wgsl / rope_backward.wgsl.
// Shapes: inp, out, dinp, dout [N, nH, D] (N = B*T tokens, nH heads of D = head_dim);
// positions [N] (int); cos, sin [N, half] (ropeTable). Both directions WRITE their output and work
// in place (out === inp, dinp === dout): each (i, i + half) pair is read before it is written.

/** RoPE settings as config.json states them (rope_type "default" or "llama3"). */
export type RopeScaling =
  | { type: 'default' }
  | { type: 'llama3'; factor: number; lowFreqFactor: number; highFreqFactor: number; originalMaxPositionEmbeddings: number };

/**
 * inv_freq [D/2] as transformers computes it in float32: 1 / theta^(2i/D), then for llama3 scaling
 * (_compute_llama3_parameters) long wavelengths divided by `factor`, short ones kept, and the band
 * between smoothly interpolated. Attention scaling is 1 for both types.
 */
export function ropeInvFreq(headDim: number, theta: number, scaling: RopeScaling = { type: 'default' }): Float32Array {
  const f = Math.fround;
  const half = headDim / 2;
  if (!Number.isInteger(half)) throw new Error(`RoPE needs an even head_dim, got ${headDim}`);
  const inv = new Float32Array(half);
  for (let i = 0; i < half; i++) inv[i] = f(1 / f(Math.pow(f(theta), f((2 * i) / headDim))));
  if (scaling.type === 'default') return inv;
  const { factor, lowFreqFactor, highFreqFactor, originalMaxPositionEmbeddings: old } = scaling;
  const lowWavelen = old / lowFreqFactor;
  const highWavelen = old / highFreqFactor;
  for (let i = 0; i < half; i++) {
    const wavelen = f((2 * Math.PI) / inv[i]);
    let v = wavelen > lowWavelen ? f(inv[i] / factor) : inv[i];
    const medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
    if (medium) {
      const smooth = f((f(old / wavelen) - lowFreqFactor) / (highFreqFactor - lowFreqFactor));
      v = f(f((1 - smooth) * f(v / factor)) + f(smooth * v));
    }
    inv[i] = v;
  }
  return inv;
}

/** cos and sin [N, half] of pos[n] · inv_freq[i] (the product rounded to float32, as torch). */
export function ropeTable(invFreq: Float32Array, positions: ArrayLike<number>): { cos: Float32Array; sin: Float32Array } {
  const half = invFreq.length;
  const N = positions.length;
  const cos = new Float32Array(N * half);
  const sin = new Float32Array(N * half);
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < half; i++) {
      const a = Math.fround(positions[n] * invFreq[i]);
      cos[n * half + i] = Math.cos(a);
      sin[n * half + i] = Math.sin(a);
    }
  }
  return { cos, sin };
}

export function ropeForward(
  out: Float32Array, inp: Float32Array, cos: Float32Array, sin: Float32Array, N: number, nH: number, D: number,
): void {
  const half = D / 2;
  for (let n = 0; n < N; n++) {
    for (let h = 0; h < nH; h++) {
      const x = (n * nH + h) * D;
      for (let i = 0; i < half; i++) {
        const c = cos[n * half + i], s = sin[n * half + i];
        const a = inp[x + i], b = inp[x + i + half];
        out[x + i] = a * c - b * s;
        out[x + i + half] = b * c + a * s;
      }
    }
  }
}

/** The transpose of the rotation: da = dout_a cos + dout_b sin, db = dout_b cos - dout_a sin. */
export function ropeBackward(
  dinp: Float32Array, dout: Float32Array, cos: Float32Array, sin: Float32Array, N: number, nH: number, D: number,
): void {
  const half = D / 2;
  for (let n = 0; n < N; n++) {
    for (let h = 0; h < nH; h++) {
      const x = (n * nH + h) * D;
      for (let i = 0; i < half; i++) {
        const c = cos[n * half + i], s = sin[n * half + i];
        const da = dout[x + i], db = dout[x + i + half];
        dinp[x + i] = da * c + db * s;
        dinp[x + i + half] = db * c - da * s;
      }
    }
  }
}
