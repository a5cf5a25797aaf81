// Causal multi-head self-attention, llm.c style. CPU reference for the WGSL kernel.
// qkv [B,T,3C] holds the c_attn outputs q | k | v; head h uses channels h*hs..(h+1)*hs of each,
// hs = C/NH, scores scaled by 1/sqrt(hs). preatt and att are [B,NH,T,T]; entries above the
// diagonal (t2 > t, masked) are written as 0 in both.
// Backward ACCUMULATES (+=) into dqkv, dpreatt and datt. dpreatt and datt are scratch buffers that
// must be zero on entry (llm.c zeroes them with the gradients), since the softmax backward reads them.

export function attentionForward(
  out: Float32Array, preatt: Float32Array, att: Float32Array, qkv: Float32Array,
  B: number, T: number, C: number, NH: number,
): void {
  const C3 = 3 * C;
  const hs = C / NH;
  const scale = 1 / Math.sqrt(hs);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      for (let h = 0; h < NH; h++) {
        const q = (b * T + t) * C3 + h * hs;
        const row = ((b * NH + h) * T + t) * T;
        let maxv = -Infinity;
        for (let t2 = 0; t2 <= t; t2++) {
          const k = (b * T + t2) * C3 + h * hs + C;
          let s = 0;
          for (let i = 0; i < hs; i++) s += qkv[q + i] * qkv[k + i];
          s *= scale;
          preatt[row + t2] = s;
          if (s > maxv) maxv = s;
        }
        let sum = 0;
        for (let t2 = 0; t2 <= t; t2++) {
          const e = Math.exp(preatt[row + t2] - maxv);
          att[row + t2] = e;
          sum += e;
        }
        const inv = sum === 0 ? 0 : 1 / sum;
        for (let t2 = 0; t2 < T; t2++) {
          if (t2 <= t) att[row + t2] *= inv;
          else {
            att[row + t2] = 0;
            preatt[row + t2] = 0;
          }
        }
        const o = (b * T + t) * C + h * hs;
        for (let i = 0; i < hs; i++) {
          let s = 0;
          for (let t2 = 0; t2 <= t; t2++) s += att[row + t2] * qkv[(b * T + t2) * C3 + h * hs + 2 * C + i];
          out[o + i] = s;
        }
      }
    }
  }
}

export function attentionBackward(
  dqkv: Float32Array, dpreatt: Float32Array, datt: Float32Array,
  dout: Float32Array, qkv: Float32Array, att: Float32Array,
  B: number, T: number, C: number, NH: number,
): void {
  const C3 = 3 * C;
  const hs = C / NH;
  const scale = 1 / Math.sqrt(hs);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      for (let h = 0; h < NH; h++) {
        const row = ((b * NH + h) * T + t) * T;
        const o = (b * T + t) * C + h * hs;
        // through out = att · v
        for (let t2 = 0; t2 <= t; t2++) {
          const v = (b * T + t2) * C3 + h * hs + 2 * C;
          let s = 0;
          const a = att[row + t2];
          for (let i = 0; i < hs; i++) {
            s += qkv[v + i] * dout[o + i];
            dqkv[v + i] += a * dout[o + i];
          }
          datt[row + t2] += s;
        }
        // through the softmax: dpre_j += a_j (datt_j - Σ_i a_i datt_i)
        let dot = 0;
        for (let t2 = 0; t2 <= t; t2++) dot += att[row + t2] * datt[row + t2];
        for (let t2 = 0; t2 <= t; t2++) dpreatt[row + t2] += att[row + t2] * (datt[row + t2] - dot);
        // through pre = scale * q · k
        const q = (b * T + t) * C3 + h * hs;
        for (let t2 = 0; t2 <= t; t2++) {
          const k = (b * T + t2) * C3 + h * hs + C;
          const d = dpreatt[row + t2] * scale;
          for (let i = 0; i < hs; i++) {
            dqkv[q + i] += qkv[k + i] * d;
            dqkv[k + i] += qkv[q + i] * d;
          }
        }
      }
    }
  }
}
