// Token log-probabilities and entropies of next-token distributions, with their backward: the
// hook through which GRPO (or any loss on per-token log-probs) reaches the model. CPU reference for
// the WGSL kernel.
// Forward: for each row n, probs = softmax(logits[n]) (always written, every row);
// logprobs[n] = log p[targets[n]] and entropy[n] = H = -Σ p log p, both 0 when targets[n] = -1.
// Backward: dlogits is WRITTEN (not accumulated), as llm.c's fused softmax/cross-entropy backward:
// dlogits[n,j] = dlogprobs[n] (1[j = t] - p_j) + dentropy[n] (-p_j (log p_j + H)),
// and rows with targets[n] = -1 get 0.
// Temperature: with invT = 1/T != 1 the distribution is softmax(logits · invT) (z = f32(logit · invT),
// as the kernel computes it) and the backward multiplies by invT (d z / d logit); invT = 1 is the plain softmax.
import { softmaxRow } from './softmax';

export function logprobsForward(
  logprobs: Float32Array, entropy: Float32Array, probs: Float32Array, logits: Float32Array,
  targets: Int32Array, N: number, V: number, invT = 1,
): void {
  const z = invT === 1 ? logits : logits.map((x) => Math.fround(x * invT));
  for (let n = 0; n < N; n++) {
    const off = n * V;
    const logZ = softmaxRow(probs, z, off, V);
    const t = targets[n];
    if (t < 0) {
      logprobs[n] = 0;
      entropy[n] = 0;
      continue;
    }
    logprobs[n] = z[off + t] - logZ;
    // H = logZ - Σ p z (exact identity; avoids log of underflowed probabilities)
    let pz = 0;
    for (let j = 0; j < V; j++) pz += probs[off + j] * z[off + j];
    entropy[n] = logZ - pz;
  }
}

export function logprobsBackward(
  dlogits: Float32Array, dlogprobs: Float32Array, dentropy: Float32Array | null,
  probs: Float32Array, targets: Int32Array, N: number, V: number, invT = 1,
): void {
  for (let n = 0; n < N; n++) {
    const off = n * V;
    const t = targets[n];
    if (t < 0) {
      dlogits.fill(0, off, off + V);
      continue;
    }
    const dlp = dlogprobs[n];
    const dh = dentropy ? dentropy[n] : 0;
    let H = 0;
    if (dh !== 0) {
      for (let j = 0; j < V; j++) {
        const p = probs[off + j];
        if (p > 0) H -= p * Math.log(p);
      }
    }
    for (let j = 0; j < V; j++) {
      const p = probs[off + j];
      let d = -dlp * p;
      if (dh !== 0 && p > 0) d -= dh * p * (Math.log(p) + H);
      dlogits[off + j] = d * invT;
    }
    dlogits[off + t] += dlp * invT;
  }
}
