// The shape of the GPU decoder's batched steps (llama-gpu/kv-decoder.ts), shared with the memory
// planner: a step decodes its rows in groups whose logits [G, V] fit one storage binding, and one set
// of activations serves every call, sized for max(longest prompt, G) tokens.

/** rows decoded in one pass: all of them, unless their logits [rows, V] exceed one binding */
export function kvStepGroup(rows: number, vocabSize: number, maxBindingBytes: number): number {
  const fit = Math.floor(maxBindingBytes / (4 * vocabSize));
  if (fit < 1) throw new Error(`one row of logits (${vocabSize} floats) exceeds the device's maxStorageBufferBindingSize ${maxBindingBytes}`);
  return Math.max(1, Math.min(rows, fit));
}

/** tokens the decoder's one activation set holds */
export function kvActTokens(longestPrompt: number, group: number): number {
  return Math.max(longestPrompt, group, 1);
}
