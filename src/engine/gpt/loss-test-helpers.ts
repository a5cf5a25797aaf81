// For engine tests: the mean next-token loss through the Model API (forwardLogprobs /
// backwardLogprobs), the path SFT trains on (src/lrpo/sft.ts), and a training step with it. The
// engine itself has no separate cross-entropy training path.

import type { AdamWOptions, Model, StepResult, TokenBatch } from '../model-api';

/** zero-grad, forward, backward of loss = -mean log p(target) over targets != -1; no update. */
export async function meanTokenLossAndGrad(model: Model, batch: TokenBatch): Promise<number> {
  const { logprobs } = await model.forwardLogprobs(batch);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < batch.targets.length; i++) {
    if (batch.targets[i] >= 0) {
      count++;
      sum += logprobs[i];
    }
  }
  if (count === 0) throw new Error('the batch has no targets (every target is -1)');
  const d = new Float32Array(batch.targets.length);
  for (let i = 0; i < d.length; i++) d[i] = batch.targets[i] >= 0 ? -1 / count : 0;
  model.zeroGrad();
  await model.backwardLogprobs(d);
  return -sum / count;
}

/** One step: the loss's gradient, then clipped AdamW (llm.c's training step). */
export async function meanTokenTrainStep(model: Model, batch: TokenBatch, opts: AdamWOptions): Promise<{ loss: number } & StepResult> {
  const loss = await meanTokenLossAndGrad(model, batch);
  return { loss, ...(await model.step(opts)) };
}
