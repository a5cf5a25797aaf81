// Numerically stable softmax of one row (the log-prob kernel's CPU reference).
// Writes probs[off..off+V) and returns log Σ exp(z - max) + max (the log-partition), in float64.

export function softmaxRow(probs: Float32Array, logits: Float32Array, off: number, V: number): number {
  let maxv = -Infinity;
  for (let j = 0; j < V; j++) if (logits[off + j] > maxv) maxv = logits[off + j];
  let sum = 0;
  for (let j = 0; j < V; j++) sum += Math.exp(logits[off + j] - maxv);
  const inv = 1 / sum;
  for (let j = 0; j < V; j++) probs[off + j] = Math.exp(logits[off + j] - maxv) * inv;
  return maxv + Math.log(sum);
}
