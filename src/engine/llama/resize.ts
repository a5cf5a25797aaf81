// Exports: resizeTokenEmbeddings, a Llama-family model with a larger vocabulary (new token ids such
// as <|out_lang_xx|> tags): the config's vocab_size grows and embed_tokens (and an untied lm_head)
// get new rows set to the mean of the existing rows (transformers' resize_token_embeddings with
// mean_resizing, without its random spread: deterministic); shrinking is refused.
// resizeHfEmbeddings: the same on the weights as stored (F32, BF16 or F16 kept: the new rows are the
// mean rounded to the dtype), without widening the whole matrix at once.
import type { LlamaConfig } from '../hf/config';
import { f32ToTensor, tensorToF32, type HfTensor } from '../hf/tensors';

export function resizeTokenEmbeddings(
  c: LlamaConfig, tensors: Map<string, { shape: number[]; data: Float32Array }>, newVocab: number,
): { config: LlamaConfig; tensors: Map<string, { shape: number[]; data: Float32Array }> } {
  if (!Number.isInteger(newVocab) || newVocab < c.vocabSize) throw new Error(`resizeTokenEmbeddings: the new vocabulary (${newVocab}) must be an integer >= the current ${c.vocabSize}`);
  const H = c.hiddenSize;
  const grow = (name: string) => {
    const t = tensors.get(name);
    if (!t) throw new Error(`resizeTokenEmbeddings: no tensor '${name}'`);
    const out = new Float32Array(newVocab * H);
    out.set(t.data);
    const mean = new Float64Array(H);
    for (let v = 0; v < c.vocabSize; v++) for (let i = 0; i < H; i++) mean[i] += t.data[v * H + i];
    for (let i = 0; i < H; i++) mean[i] /= c.vocabSize;
    for (let v = c.vocabSize; v < newVocab; v++) for (let i = 0; i < H; i++) out[v * H + i] = mean[i];
    return { shape: [newVocab, H], data: out };
  };
  const out = new Map(tensors);
  out.set('model.embed_tokens.weight', grow('model.embed_tokens.weight'));
  if (!c.tieWordEmbeddings) out.set('lm_head.weight', grow('lm_head.weight'));
  return { config: { ...c, vocabSize: newVocab }, tensors: out };
}

/** Mean of the rows of a [rows, H] tensor as stored (accumulated in float64, a chunk of rows widened at a time). */
function rowMean(t: HfTensor, rows: number, H: number): Float32Array {
  const mean = new Float64Array(H);
  const CHUNK = 4096;
  for (let r0 = 0; r0 < rows; r0 += CHUNK) {
    const r1 = Math.min(rows, r0 + CHUNK);
    const part = tensorToF32({ dtype: t.dtype, shape: [r1 - r0, H], data: t.data.subarray(r0 * H, r1 * H) } as HfTensor);
    for (let v = 0; v < r1 - r0; v++) for (let i = 0; i < H; i++) mean[i] += part[v * H + i];
  }
  return Float32Array.from(mean, (x) => x / rows);
}

/**
 * resizeTokenEmbeddings on stored tensors: embed_tokens (and an untied lm_head) grow to newVocab rows
 * in their own dtype, the new rows the mean of the old ones. Returns the new config and weights (other
 * tensors shared) and the embedding's mean row in float32.
 */
export function resizeHfEmbeddings(
  c: LlamaConfig, weights: Map<string, HfTensor>, newVocab: number,
): { config: LlamaConfig; weights: Map<string, HfTensor>; meanRow: Float32Array } {
  if (!Number.isInteger(newVocab) || newVocab < c.vocabSize) throw new Error(`resizeHfEmbeddings: the new vocabulary (${newVocab}) must be an integer >= the current ${c.vocabSize}`);
  const H = c.hiddenSize;
  let embedMean: Float32Array | null = null;
  const grow = (name: string): HfTensor => {
    const t = weights.get(name);
    if (!t) throw new Error(`resizeHfEmbeddings: no tensor '${name}'`);
    if (t.shape[0] !== c.vocabSize || t.shape[1] !== H) throw new Error(`resizeHfEmbeddings: '${name}' has shape [${t.shape.join(', ')}], expected [${c.vocabSize}, ${H}]`);
    const mean = rowMean(t, c.vocabSize, H);
    if (name === 'model.embed_tokens.weight') embedMean = mean;
    const row = f32ToTensor(mean, [1, H], t.dtype).data;
    const data = t.dtype === 'F32' ? new Float32Array(newVocab * H) : new Uint16Array(newVocab * H);
    data.set(t.data as never);
    for (let v = c.vocabSize; v < newVocab; v++) data.set(row as never, v * H);
    return { dtype: t.dtype, shape: [newVocab, H], data } as HfTensor;
  };
  const out = new Map(weights);
  out.set('model.embed_tokens.weight', grow('model.embed_tokens.weight'));
  if (!c.tieWordEmbeddings) out.set('lm_head.weight', grow('lm_head.weight'));
  return { config: { ...c, vocabSize: newVocab }, weights: out, meanRow: embedMean! };
}
