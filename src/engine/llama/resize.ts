// Exports: resizeTokenEmbeddings, a Llama-family model with a larger vocabulary (new token ids such
// as <|out_lang_xx|> tags): the config's vocab_size grows and embed_tokens (and an untied lm_head)
// get new rows set to the mean of the existing rows (transformers' resize_token_embeddings with
// mean_resizing, without its random spread: deterministic); shrinking is refused.
import type { LlamaConfig } from '../hf/config';

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
