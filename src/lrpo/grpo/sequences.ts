// Prompt + response rows as a TokenBatch for the policy's forward pass: position t predicts token
// t + 1, and only response tokens (eos included) are scored; everything else has target -1.
// `old` carries the sampling pass's log-probabilities at the same positions. `width` pads the rows
// to at least that many positions (the micro-batches of one mini-batch share its width, so the
// model's activation buffers keep one shape through the update).

import type { TokenBatch } from '../../engine/model-api';

export interface SequenceRow {
  prompt: readonly number[];
  response: readonly number[];
  /** log-probability of each response token under the sampling policy */
  responseLogprobs?: readonly number[];
}

export interface PackedBatch {
  batch: TokenBatch;
  mask: Uint8Array;
  old: Float32Array;
  /** number of scored (response) tokens */
  tokens: number;
}

/** The positions a packed batch of these rows needs: the longest prompt + response - 1 (at least 1). */
export function packedWidth(rows: readonly SequenceRow[]): number {
  let T = 1;
  for (const r of rows) T = Math.max(T, r.prompt.length + r.response.length - 1);
  return T;
}

export function packSequences(rows: readonly SequenceRow[], padId: number, width = 1): PackedBatch {
  const B = rows.length;
  const T = Math.max(width, packedWidth(rows));
  const tokens = new Int32Array(B * T).fill(padId);
  const targets = new Int32Array(B * T).fill(-1);
  const mask = new Uint8Array(B * T);
  const old = new Float32Array(B * T);
  let n = 0;
  rows.forEach((r, b) => {
    const seq = [...r.prompt, ...r.response];
    for (let t = 0; t < seq.length - 1; t++) tokens[b * T + t] = seq[t];
    const p = r.prompt.length;
    r.response.forEach((id, j) => {
      const pos = b * T + p - 1 + j;
      targets[pos] = id;
      mask[pos] = 1;
      old[pos] = r.responseLogprobs ? r.responseLogprobs[j] : 0;
      n++;
    });
  });
  return { batch: { B, T, tokens, targets }, mask, old, tokens: n };
}
