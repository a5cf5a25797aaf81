// sft.micro_batch_size: an SFT step cut into micro-batches (gradients accumulated, one optimizer
// step per batch, every pass divided by the whole batch's answer tokens) gives the same losses and
// weights as one pass over the batch, on the GPT-2 CPU model (byte tokenizer, tag prompts) and on a
// Llama-family fixture in tag mode (llama-tiny: LoRA on q/v/down plus the 15 trainable
// <|out_lang_xx|> rows of the resized embedding, CPU); the SFT loop passes the recipe's micro-batch
// on; and it really runs smaller passes (a wrapping model counts the rows of each call).
// The micro-batches hold different numbers of answer tokens, so a mean of micro-batch token-means
// (verl's fsdp_sft_trainer) would differ: equality here is the whole batch's token-mean.
// Tolerance: the same float32 gradient summed in another order, then AdamW's division by sqrt(v);
// losses agree to 1e-6 relative, the accumulated gradient's norm before clipping (which a gradient
// scaled wrong would change, while AdamW's steps would hide it) to 1e-5 relative, weights to 1e-5
// of their largest magnitude (measured: GPT-2 losses equal, norms <= 2e-8, weights <= 1.3e-6;
// the loop's losses equal; llama-tiny losses <= 2e-16, norms <= 1e-7, LoRA matrices and rows
// <= 4e-6, the rows alone <= 3e-7).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CpuModel } from '../engine/gpt/cpu-model';
import { fsFolder } from '../engine/hf/folder-fs';
import type { Model, ModelConfigBase, TokenBatch } from '../engine/model-api';
import { Rng } from '../engine/rng';
import { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import { defaultRunConfig } from './config';
import { openFamilyPolicy } from './family/family-policy';
import { sftItems, sftStep, type SftItem } from './sft';
import { SftLoop, type SftRecipe } from './sft-loop';
import { tinyExamples } from './testing/tiny-examples';
import { TAG_SFT_EXAMPLES as EXAMPLES, TAG_ROWS as ROWS } from './testing/tag-sft-examples';
import { maxRel } from './testing/compare';

type AnyModel = Model<ModelConfigBase>;

/** a model that records the rows (B) and width (T) of every forward and backward pass and counts optimizer steps */
function counting(inner: AnyModel) {
  const calls = { forward: [] as string[], backward: [] as string[], zeroGrad: 0, step: 0 };
  let last = '';
  const model: AnyModel = Object.create(inner, {
    forwardLogprobs: { value: async (b: TokenBatch) => { last = `${b.B}x${b.T}`; calls.forward.push(last); return inner.forwardLogprobs(b); } },
    backwardLogprobs: { value: async (d: Float32Array, e?: Float32Array) => { calls.backward.push(last); return inner.backwardLogprobs(d, e); } },
    zeroGrad: { value: () => { calls.zeroGrad++; inner.zeroGrad(); } },
    step: { value: async (o: Parameters<AnyModel['step']>[0]) => { calls.step++; return inner.step(o); } },
  });
  return { model, calls };
}

const relErr = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.abs(b[i])));

const LANGS = ['de', 'en', 'zh'];
const byteTok = ByteTokenizer.forLanguages(LANGS);
const gptConfig = { nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 48, vocabSize: byteTok.vocabSize };

/** 6 tagged items of the tiny examples (their answers 2 to 9 tokens: micro-batches differ in tokens) */
function gptItems(): SftItem[] {
  return sftItems(tinyExamples(), byteTok, { extraLangs: 2, languages: LANGS, mode: 'tag', maxPromptLength: 40, maxResponseLength: 8, answerStyle: 'short' }, new Rng(3)).slice(0, 6);
}

async function gptSteps(items: SftItem[], micro: number, steps = 3) {
  const model = new CpuModel(gptConfig, undefined, 11);
  const counted = counting(model);
  const losses: number[] = [], norms: number[] = [];
  for (let s = 0; s < steps; s++) {
    const r = await sftStep(counted.model, items, byteTok.padId, 1e-2, 1.0, 0.01, micro);
    losses.push(r.loss);
    norms.push(r.gradNorm);
  }
  return { losses, norms, params: await model.exportParams(), calls: counted.calls };
}

describe('sftStep with micro-batches (sft.micro_batch_size)', () => {
  it('GPT-2 CPU: micro-batches of 1, 2 and 3 give the whole batch\'s losses and weights', async () => {
    const items = gptItems();
    expect(items).toHaveLength(6);
    const tokensPer = (size: number) => Array.from({ length: 6 / size }, (_, k) => items.slice(k * size, (k + 1) * size).reduce((a, it) => a + it.answer.length, 0));
    expect(new Set(tokensPer(2)).size).toBeGreaterThan(1); // not a case where a mean of means would agree
    const whole = await gptSteps(items, 0);
    expect(whole.losses[2]).toBeLessThan(whole.losses[0]);
    for (const size of [1, 2, 3]) {
      const micro = await gptSteps(items, size);
      expect(relErr(micro.losses, whole.losses), `size ${size}`).toBeLessThan(1e-6);
      expect(relErr(micro.norms, whole.norms), `size ${size}`).toBeLessThan(1e-5);
      expect(maxRel(micro.params, whole.params), `size ${size}`).toBeLessThan(1e-5);
    }
    // the steps moved the weights: equality is not two untouched models
    expect(maxRel(whole.params, await new CpuModel(gptConfig, undefined, 11).exportParams())).toBeGreaterThan(1e-3);
  });

  it('the loss is the whole batch\'s token-mean, not a mean of micro-batch means', async () => {
    const items = gptItems();
    const model = new CpuModel(gptConfig, undefined, 11);
    // each item alone: its loss is its own token-mean (the loss is computed before the step)
    const perItem: { sum: number; n: number }[] = [];
    for (const it of items) {
      const m = new CpuModel(gptConfig, undefined, 11);
      const r = await sftStep(m, [it], byteTok.padId, 1e-9, 1.0, 0, 0);
      perItem.push({ sum: r.loss * r.tokens, n: r.tokens });
    }
    const tokenMean = perItem.reduce((a, p) => a + p.sum, 0) / perItem.reduce((a, p) => a + p.n, 0);
    const meanOfMeans = [0, 2, 4].reduce((a, k) => a + (perItem[k].sum + perItem[k + 1].sum) / (perItem[k].n + perItem[k + 1].n), 0) / 3;
    const r = await sftStep(model, items, byteTok.padId, 1e-2, 1.0, 0.01, 2);
    expect(r.tokens).toBe(perItem.reduce((a, p) => a + p.n, 0));
    expect(Math.abs(r.loss - tokenMean)).toBeLessThan(1e-6 * tokenMean);
    expect(Math.abs(meanOfMeans - tokenMean)).toBeGreaterThan(1e-4 * tokenMean);
  });

  it('runs each forward and backward on one micro-batch as wide as the batch: zeroGrad and step once per SFT step', async () => {
    const items = gptItems();
    const T = Math.max(...items.map((it) => it.prompt.length + it.answer.length - 1));
    const micro = await gptSteps(items, 2, 2);
    expect(micro.calls.forward).toEqual(new Array(6).fill(`2x${T}`));
    expect(micro.calls.backward).toEqual(new Array(6).fill(`2x${T}`));
    expect([micro.calls.zeroGrad, micro.calls.step]).toEqual([2, 2]);
    const whole = await gptSteps(items, 0, 2);
    expect(whole.calls.forward).toEqual([`6x${T}`, `6x${T}`]);
    expect([whole.calls.zeroGrad, whole.calls.step]).toEqual([2, 2]);
  });

  it('a non-finite loss in a micro-batch skips the step before the optimizer (weights unchanged)', async () => {
    const items = gptItems();
    const model = new CpuModel(gptConfig, undefined, 11);
    const before = await model.exportParams();
    let n = 0;
    const poisoned: AnyModel = Object.create(model, {
      forwardLogprobs: { value: async (b: TokenBatch) => { const f = await model.forwardLogprobs(b); if (++n === 2) f.logprobs.fill(NaN); return f; } },
    });
    const r = await sftStep(poisoned, items, byteTok.padId, 1e-2, 1.0, 0, 2);
    expect(r.skipped).toBe(true);
    expect(Number.isNaN(r.loss)).toBe(true);
    expect(n).toBe(2); // stopped at the bad micro-batch
    expect(maxRel(await model.exportParams(), before)).toBe(0);
  });

  it('the SFT loop passes the recipe\'s micro-batch on: the same losses, a quarter of the rows per pass', async () => {
    const recipe = (microBatchSize: number): SftRecipe => ({ steps: 3, batchSize: 4, microBatchSize, lr: 1e-2, warmupSteps: 1, minLrRatio: 0.1, weightDecay: 0.01, gradClip: 1 });
    const run = async (micro: number) => {
      const counted = counting(new CpuModel(gptConfig, undefined, 11));
      const loop = new SftLoop(counted.model, byteTok, tinyExamples(), { extraLangs: 2, languages: LANGS, mode: 'tag', maxPromptLength: 40, maxResponseLength: 8, answerStyle: 'short' }, recipe(micro), 5);
      const losses: number[] = [];
      while (!loop.finished) losses.push((await loop.next()).loss);
      return { losses, rows: counted.calls.forward.map((s) => Number(s.split('x')[0])) };
    };
    const whole = await run(0), micro = await run(1);
    expect(relErr(micro.losses, whole.losses)).toBeLessThan(1e-6);
    expect(whole.rows).toEqual([4, 4, 4]);
    expect(micro.rows).toEqual(new Array(12).fill(1));
  });
});

describe('sftStep with micro-batches on a Llama-family model in tag mode (LoRA + trainable tag rows, CPU)', () => {
  it('llama-tiny: micro-batches of 3 give the whole batch of 9\'s losses, LoRA matrices and tag rows', { timeout: 120_000 }, async () => {
    const c = defaultRunConfig();
    c.model.path = fileURLToPath(new URL('../../../shared/fixtures/llama-tiny', import.meta.url));
    c.model.lora_rank = 2;
    c.model.lora_alpha = 4;
    c.model.target_modules = 'q_proj,v_proj,down_proj';
    c.data.instruction_mode = 'tag';
    c.router.languages = LANGS;
    const run = async (micro: number) => {
      const p = await openFamilyPolicy(fsFolder(c.model.path), c, { backend: 'cpu' });
      const items = sftItems(EXAMPLES, p.tokenizer, { extraLangs: 2, languages: LANGS, mode: 'tag', maxPromptLength: 64, maxResponseLength: 12 }, new Rng(1));
      const start = await p.lora!.trainable();
      const counted = counting(p.model as AnyModel);
      const losses: number[] = [], norms: number[] = [];
      for (let s = 0; s < 3; s++) {
        const r = await sftStep(counted.model, items, p.tokenizer.padId, 2e-2, 1.0, 0.01, micro);
        losses.push(r.loss);
        norms.push(r.gradNorm);
      }
      const trained = await p.lora!.trainable();
      p.model.destroy();
      return { items, losses, norms, start, trained, calls: counted.calls };
    };
    const whole = await run(0);
    const micro = await run(3);
    expect(whole.items).toHaveLength(9);
    expect(new Set([0, 3, 6].map((k) => whole.items.slice(k, k + 3).reduce((a, it) => a + it.answer.length, 0))).size).toBeGreaterThan(1);
    expect(micro.calls.backward.map((s) => s.split('x')[0])).toEqual(new Array(9).fill('3'));
    expect(relErr(micro.losses, whole.losses)).toBeLessThan(1e-6);
    expect(relErr(micro.norms, whole.norms)).toBeLessThan(1e-5);
    expect(whole.trained.has(ROWS)).toBe(true);
    expect(maxRel(micro.trained, whole.trained)).toBeLessThan(1e-5);
    expect(maxRel(new Map([[ROWS, micro.trained.get(ROWS)!]]), new Map([[ROWS, whole.trained.get(ROWS)!]]))).toBeLessThan(1e-5);
    // the steps moved the tag rows and the LoRA matrices
    expect(maxRel(new Map([[ROWS, whole.trained.get(ROWS)!]]), new Map([[ROWS, whole.start.get(ROWS)!]]))).toBeGreaterThan(1e-3);
    expect(whole.losses[2]).toBeLessThan(whole.losses[0]);
  });
});
