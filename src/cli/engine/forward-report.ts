// What `lrpo-studio engine forward` computes, on any backend through the Model interface: logits
// [B, T, V], loss = mean next-token cross-entropy over positions 0..T-2 of every row, and the
// gradient of that loss for every trainable parameter as `grad.<name>` (HF names, checkpoint layout;
// with a LoRA adapter, the adapter matrices under PEFT names). Any family.
import type { Model, ModelConfigBase, NamedTensor } from '../../engine/model-api';
import type { TokenRows } from './tokens-file';

export async function forwardReport(model: Model<ModelConfigBase>, rows: TokenRows): Promise<{ loss: number; tensors: Map<string, NamedTensor> }> {
  const { B, T, tokens } = rows;
  const V = model.config.vocabSize;
  const logits = await model.forwardLogits(tokens, B, T);
  const targets = new Int32Array(B * T).fill(-1);
  for (let b = 0; b < B; b++) for (let t = 0; t < T - 1; t++) targets[b * T + t] = tokens[b * T + t + 1];
  const { logprobs } = await model.forwardLogprobs({ B, T, tokens, targets });
  const count = B * (T - 1);
  let sum = 0;
  const dlogprobs = new Float32Array(B * T);
  for (let i = 0; i < B * T; i++) {
    if (targets[i] < 0) continue;
    sum += logprobs[i];
    dlogprobs[i] = -1 / count;
  }
  model.zeroGrad();
  await model.backwardLogprobs(dlogprobs);
  const loss = -sum / count;
  const tensors = new Map<string, NamedTensor>();
  tensors.set('logits', { shape: [B, T, V], data: logits });
  tensors.set('loss', { shape: [1], data: new Float32Array([loss]) });
  for (const [name, g] of await model.exportGrads()) tensors.set(`grad.${name}`, g);
  return { loss, tensors };
}
