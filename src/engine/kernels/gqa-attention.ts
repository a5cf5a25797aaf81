// Causal grouped-query attention (GQA; MQA when nKv = 1, MHA when nKv = nHead), as transformers'
// Llama / Qwen2 / Qwen3 eager attention: query head h reads key/value head floor(h / (nHead / nKv))
// (repeat_kv), scores scaled by `scale` (1/sqrt(headDim), also when headDim != hidden / nHead).
// CPU reference for gqa_*.wgsl.
// Shapes (row-major): q, dq, out, dout [B, T, nHead, D]; k, v, dk, dv [B, T, nKv, D];
// att [B, nHead, T, T] softmax probabilities saved for backward, 0 above the diagonal.
// Decode: caches [rows, maxT, nKv, D]; token n belongs to cache row rowOf[n] at position pos[n].
// Backward ACCUMULATES (+=) into dq, dk and dv.

export interface GqaShape {
  B: number;
  T: number;
  nHead: number;
  nKv: number;
  D: number;
  scale: number;
}

export function gqaShape(B: number, T: number, nHead: number, nKv: number, D: number): GqaShape {
  if (nHead % nKv !== 0) throw new Error(`num_attention_heads (${nHead}) must be a multiple of num_key_value_heads (${nKv})`);
  return { B, T, nHead, nKv, D, scale: 1 / Math.sqrt(D) };
}

export function gqaForward(out: Float32Array, att: Float32Array, q: Float32Array, k: Float32Array, v: Float32Array, s: GqaShape): void {
  const { B, T, nHead, nKv, D, scale } = s;
  const rep = nHead / nKv;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHead; h++) {
      const kh = Math.floor(h / rep);
      for (let t = 0; t < T; t++) {
        const qo = ((b * T + t) * nHead + h) * D;
        const row = ((b * nHead + h) * T + t) * T;
        let maxv = -Infinity;
        for (let t2 = 0; t2 <= t; t2++) {
          const ko = ((b * T + t2) * nKv + kh) * D;
          let sc = 0;
          for (let i = 0; i < D; i++) sc += q[qo + i] * k[ko + i];
          sc *= scale;
          att[row + t2] = sc;
          if (sc > maxv) maxv = sc;
        }
        let sum = 0;
        for (let t2 = 0; t2 <= t; t2++) {
          const e = Math.exp(att[row + t2] - maxv);
          att[row + t2] = e;
          sum += e;
        }
        for (let t2 = 0; t2 < T; t2++) att[row + t2] = t2 <= t ? att[row + t2] / sum : 0;
        for (let i = 0; i < D; i++) {
          let acc = 0;
          for (let t2 = 0; t2 <= t; t2++) acc += att[row + t2] * v[((b * T + t2) * nKv + kh) * D + i];
          out[qo + i] = acc;
        }
      }
    }
  }
}

export function gqaBackward(
  dq: Float32Array, dk: Float32Array, dv: Float32Array, dout: Float32Array,
  q: Float32Array, k: Float32Array, v: Float32Array, att: Float32Array, s: GqaShape,
): void {
  const { B, T, nHead, nKv, D, scale } = s;
  const rep = nHead / nKv;
  const datt = new Float64Array(T);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHead; h++) {
      const kh = Math.floor(h / rep);
      for (let t = 0; t < T; t++) {
        const qo = ((b * T + t) * nHead + h) * D;
        const row = ((b * nHead + h) * T + t) * T;
        // out = att · v
        let dot = 0;
        for (let t2 = 0; t2 <= t; t2++) {
          const vo = ((b * T + t2) * nKv + kh) * D;
          const a = att[row + t2];
          let sd = 0;
          for (let i = 0; i < D; i++) {
            sd += v[vo + i] * dout[qo + i];
            dv[vo + i] += a * dout[qo + i];
          }
          datt[t2] = sd;
          dot += a * sd;
        }
        // softmax, then pre = scale · q·k
        for (let t2 = 0; t2 <= t; t2++) {
          const d = att[row + t2] * (datt[t2] - dot) * scale;
          const ko = ((b * T + t2) * nKv + kh) * D;
          for (let i = 0; i < D; i++) {
            dq[qo + i] += k[ko + i] * d;
            dk[ko + i] += q[qo + i] * d;
          }
        }
      }
    }
  }
}

/** Stores the k, v of N tokens ([N, nKv, D]) into the caches at (rowOf[n], pos[n]). */
export function kvCacheWrite(
  kCache: Float32Array, vCache: Float32Array, k: Float32Array, v: Float32Array,
  rowOf: ArrayLike<number>, pos: ArrayLike<number>, N: number, nKv: number, D: number, maxT: number,
): void {
  const w = nKv * D;
  for (let n = 0; n < N; n++) {
    if (pos[n] < 0 || pos[n] >= maxT) throw new Error(`KV cache position ${pos[n]} is outside 0..${maxT - 1}`);
    const at = (rowOf[n] * maxT + pos[n]) * w;
    kCache.set(k.subarray(n * w, (n + 1) * w), at);
    vCache.set(v.subarray(n * w, (n + 1) * w), at);
  }
}

/**
 * One decoding step (or a batched prefill) over the cache: token n's query q [N, nHead, D] attends to
 * positions 0..pos[n] of cache row rowOf[n] (its own k, v already written); out [N, nHead, D].
 */
export function gqaDecode(
  out: Float32Array, q: Float32Array, kCache: Float32Array, vCache: Float32Array,
  rowOf: ArrayLike<number>, pos: ArrayLike<number>, N: number, nHead: number, nKv: number, D: number, maxT: number, scale: number,
): void {
  const rep = nHead / nKv;
  const sc = new Float64Array(maxT);
  for (let n = 0; n < N; n++) {
    const len = pos[n] + 1;
    for (let h = 0; h < nHead; h++) {
      const kh = Math.floor(h / rep);
      const qo = (n * nHead + h) * D;
      let maxv = -Infinity;
      for (let t2 = 0; t2 < len; t2++) {
        const ko = ((rowOf[n] * maxT + t2) * nKv + kh) * D;
        let s = 0;
        for (let i = 0; i < D; i++) s += q[qo + i] * kCache[ko + i];
        sc[t2] = s * scale;
        if (sc[t2] > maxv) maxv = sc[t2];
      }
      let sum = 0;
      for (let t2 = 0; t2 < len; t2++) {
        sc[t2] = Math.exp(sc[t2] - maxv);
        sum += sc[t2];
      }
      for (let i = 0; i < D; i++) {
        let acc = 0;
        for (let t2 = 0; t2 < len; t2++) acc += sc[t2] * vCache[((rowOf[n] * maxT + t2) * nKv + kh) * D + i];
        out[qo + i] = acc / sum;
      }
    }
  }
}
