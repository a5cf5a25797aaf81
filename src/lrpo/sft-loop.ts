// The one SFT loop (the recipe that made the shipped warm start, public/models/demo-sft): every
// epoch draws fresh SFT items (each question in its own language plus sft.extra_langs random others)
// and shuffles them from the first epoch on, length-bucketed within windows of 8 batches (less
// padding) with the batches in random order; the learning rate warms up linearly for warmupSteps and
// then decays by a cosine to minLrRatio x lr; AdamW with weight decay and gradient clipping; a batch
// runs as micro-batches of recipe.microBatchSize items (sft.micro_batch_size, sft.ts's sftStep). Used by
// the run module (CLI and studio) and scripts/make-warm-start.ts. Its whole state is the step, the
// RNG state at the start of the current epoch and the cursor in it, so a save in the middle of an
// epoch resumes with the same batches.

import type { Example } from '../data/example';
import type { Model as EngineModel, ModelConfigBase } from '../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import { Rng, type RngState } from '../engine/rng';
import { shuffleInPlace } from '../data/shuffle';
import { sftItems, sftStep, type SftItem, type SftOptions, type SftTokenizer } from './sft';

export interface SftRecipe {
  steps: number;
  batchSize: number;
  /** items per forward/backward pass (sft.micro_batch_size); 0 or absent = the whole batch */
  microBatchSize?: number;
  /** peak learning rate */
  lr: number;
  warmupSteps: number;
  /** the cosine decays to minLrRatio x lr at the last step */
  minLrRatio: number;
  weightDecay: number;
  gradClip: number;
}

/** Learning rate of 0-based step `step` of `total`: linear warm-up, then cosine to minLrRatio x lr. */
export function sftLearningRate(r: SftRecipe, step: number): number {
  if (step < r.warmupSteps) return (r.lr * (step + 1)) / r.warmupSteps;
  const p = (step - r.warmupSteps) / Math.max(1, r.steps - r.warmupSteps);
  return r.lr * (r.minLrRatio + (1 - r.minLrRatio) * 0.5 * (1 + Math.cos(Math.PI * p)));
}

/** Shuffled, then length-bucketed within windows of 8 batches, batches in random order. */
function epochOrder(items: SftItem[], batchSize: number, rng: Rng): SftItem[] {
  shuffleInPlace(items, rng);
  const batches: SftItem[][] = [];
  const win = batchSize * 8;
  for (let i = 0; i < items.length; i += win) {
    const chunk = items.slice(i, i + win).sort((a, b) => a.prompt.length + a.answer.length - (b.prompt.length + b.answer.length));
    for (let j = 0; j < chunk.length; j += batchSize) batches.push(chunk.slice(j, j + batchSize));
  }
  return shuffleInPlace(batches, rng).flat();
}

export interface SftLoopState {
  /** SFT steps done */
  step: number;
  /** the RNG state before the current epoch's items were drawn (null before the first epoch) */
  epochStart: RngState | null;
  /** items of the current epoch used so far */
  cursor: number;
  /** the RNG state now */
  rng: RngState;
}

export interface SftProgress {
  /** SFT steps done, this one included (1 for the first) */
  step: number;
  total: number;
  loss: number;
  gradNorm: number;
  lr: number;
  tokens: number;
  skipped: boolean;
}

export class SftLoop {
  private readonly rng: Rng;
  private items: SftItem[] = [];
  private cursor = 0;
  private epochStart: RngState | null = null;
  private done = 0;

  constructor(
    private readonly model: Model,
    private readonly tok: SftTokenizer,
    private readonly train: readonly Example[],
    private readonly itemOptions: SftOptions,
    readonly recipe: SftRecipe,
    seed: number,
  ) {
    if (!train.length) throw new Error('SFT: no training examples');
    this.rng = new Rng(seed);
  }

  get step(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.recipe.steps;
  }

  private newEpoch(): void {
    this.epochStart = this.rng.getState();
    this.items = epochOrder(sftItems(this.train, this.tok, this.itemOptions, this.rng), this.recipe.batchSize, this.rng);
    this.cursor = 0;
    if (!this.items.length) throw new Error('SFT: no item can be taught (no example has an answer in a tagged language)');
  }

  /** One SFT update; throws when the loop has finished. */
  async next(): Promise<SftProgress> {
    if (this.finished) throw new Error(`SFT: all ${this.recipe.steps} steps are done`);
    const batch: SftItem[] = [];
    while (batch.length < this.recipe.batchSize) {
      if (this.cursor >= this.items.length) this.newEpoch();
      batch.push(this.items[this.cursor++]);
    }
    const lr = sftLearningRate(this.recipe, this.done);
    const r = await sftStep(this.model, batch, this.tok.padId, lr, this.recipe.gradClip, this.recipe.weightDecay, this.recipe.microBatchSize ?? 0);
    this.done++;
    return { step: this.done, total: this.recipe.steps, loss: r.loss, gradNorm: r.gradNorm, lr, tokens: r.tokens, skipped: r.skipped };
  }

  getState(): SftLoopState {
    return { step: this.done, epochStart: this.epochStart ? [...this.epochStart] as RngState : null, cursor: this.cursor, rng: this.rng.getState() };
  }

  /** Restores a state of a loop over the same examples, tokenizer, options and recipe. */
  setState(s: SftLoopState): void {
    this.done = s.step;
    if (s.epochStart) {
      this.rng.setState(s.epochStart);
      this.newEpoch(); // the same draws as the first time: the same items in the same order
      this.cursor = s.cursor;
    } else {
      this.items = [];
      this.cursor = 0;
      this.epochStart = null;
    }
    this.rng.setState(s.rng);
  }
}
