// Softmax + cross-entropy, llm.c style. CPU reference for the WGSL kernel.
// Forward: probs = softmax(logits[n]) for every row; losses[n] = -log p[targets[n]] (0 when -1).
// Backward: dlogits is WRITTEN (not accumulated): dlogits[n,j] = dlosses[n] (p_j - 1[j = t]);
// rows with targets[n] = -1 get 0.
import { softmaxRow } from './softmax';

export function crossEntropyForward(
  losses: Float32Array, probs: Float32Array, logits: Float32Array, targets: Int32Array,
  N: number, V: number,
): void {
  for (let n = 0; n < N; n++) {
    const off = n * V;
    const logZ = softmaxRow(probs, logits, off, V);
    const t = targets[n];
    losses[n] = t < 0 ? 0 : logZ - logits[off + t];
  }
}

export function crossEntropyBackward(
  dlogits: Float32Array, dlosses: Float32Array, probs: Float32Array, targets: Int32Array,
  N: number, V: number,
): void {
  for (let n = 0; n < N; n++) {
    const off = n * V;
    const t = targets[n];
    if (t < 0) {
      dlogits.fill(0, off, off + V);
      continue;
    }
    const d = dlosses[n];
    for (let j = 0; j < V; j++) dlogits[off + j] = d * probs[off + j];
    dlogits[off + t] -= d;
  }
}
