// Batched generation driver shared by both backends. A backend supplies a SamplingDecoder (a KV
// cache that also picks each row's next token): the WebGPU one runs the model and the sampling
// kernel in one submission and reads back only token ids and log-probabilities; the CPU one is a
// logits decoder (IncrementalDecoder) wrapped by pickOnCpu, applying the same rule
// (kernels/sample-tokens.ts) on the CPU. The driver handles prompts of different lengths, random
// numbers and stopping.
// Semantics:
// - each row may hold at most config.blockSize tokens (prompt + generated), so a finished sequence
//   can always be scored by one forward pass; a row stops at eos (eos is included), after
//   maxNewTokens, or when it reaches the block size;
// - random numbers: one Rng(seed); for every call that picks tokens, the rows in index order each
//   draw one rng.nextF32() (none when greedy), so a seed reproduces on every backend;
// - logprobs[i][j] = log softmax(raw logits)[token] at temperature 1, whatever the sampling
//   temperature/top-k/top-p (the policy's log-probability, as GRPO needs it).
import type { SampleOptions, SampleResult } from '../model-api';
import { Rng } from '../rng';
import { pickToken, samplerSettings, type PickedToken, type SamplerSettings } from '../kernels/sample-tokens';
import { validateSampleOptions } from './sampling';

/** A KV cache that returns logits (the CPU decoder). */
export interface IncrementalDecoder {
  /** Starts row `row` with its prompt; returns the logits (length V) after the last prompt token. */
  prefill(row: number, prompt: number[]): Promise<Float32Array>;
  /** Appends one token to each listed row; returns the next-token logits of each, in order. */
  step(rows: number[], tokens: number[]): Promise<Float32Array[]>;
}

/** What a picking call needs: the sampler settings and one uniform in [0, 1) per listed row. */
export interface PickRequest {
  settings: SamplerSettings;
  u: Float32Array;
}

/** A KV cache that picks each row's next token itself. */
export interface SamplingDecoder {
  /** Starts each listed row with its prompt (all in one batch); returns each row's next token. */
  prefill(rows: number[], prompts: number[][], pick: PickRequest): Promise<PickedToken[]>;
  /** Appends one token to each listed row; returns each row's next token, in order. */
  step(rows: number[], tokens: number[], pick: PickRequest): Promise<PickedToken[]>;
}

/** A logits decoder that picks on the CPU with the shared rule. */
export function pickOnCpu(dec: IncrementalDecoder): SamplingDecoder {
  return {
    async prefill(rows, prompts, pick) {
      const out: PickedToken[] = [];
      for (let k = 0; k < rows.length; k++) out.push(pickToken(await dec.prefill(rows[k], prompts[k]), pick.settings, pick.u[k]));
      return out;
    },
    async step(rows, tokens, pick) {
      const logits = await dec.step(rows, tokens);
      return logits.map((z, k) => pickToken(z, pick.settings, pick.u[k]));
    },
  };
}

function validatePrompts(prompts: number[][], blockSize: number, vocabSize: number): void {
  prompts.forEach((p, i) => {
    if (p.length === 0) throw new Error(`prompt ${i} is empty: it needs at least one token (e.g. bos)`);
    if (p.length > blockSize) throw new Error(`prompt ${i} has ${p.length} tokens, more than the block size ${blockSize}`);
    p.forEach((id, j) => {
      if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
        throw new Error(`prompt ${i}, position ${j}: token id ${id} is outside the vocabulary [0, ${vocabSize})`);
      }
    });
  });
}

export async function generateWithDecoder(
  decoder: SamplingDecoder, prompts: number[][], opts: SampleOptions, blockSize: number, vocabSize: number,
): Promise<SampleResult> {
  validatePrompts(prompts, blockSize, vocabSize);
  validateSampleOptions(opts);
  if (!Number.isInteger(opts.maxNewTokens) || opts.maxNewTokens < 0) {
    throw new Error(`maxNewTokens must be a non-negative integer, got ${opts.maxNewTokens}`);
  }
  const settings = samplerSettings(opts);
  const greedy = !(settings.temperature > 0);
  const rng = new Rng(opts.seed);
  const draw = (n: number): PickRequest => {
    const u = new Float32Array(n);
    if (!greedy) for (let k = 0; k < n; k++) u[k] = rng.nextF32();
    return { settings, u };
  };
  const tokens: number[][] = prompts.map(() => []);
  const logprobs: number[][] = prompts.map(() => []);
  const stoppedAtEos = prompts.map(() => false);
  // rows that will generate at least one token; the others are never fed
  let rows = prompts.map((_, i) => i).filter((i) => opts.maxNewTokens > 0 && prompts[i].length < blockSize);
  if (rows.length === 0) return { tokens, logprobs, stoppedAtEos };
  let picked = await decoder.prefill(rows, rows.map((i) => prompts[i]), draw(rows.length));
  for (;;) {
    const feedRows: number[] = [];
    const feedTokens: number[] = [];
    rows.forEach((i, k) => {
      const { token: id, logprob } = picked[k];
      tokens[i].push(id);
      logprobs[i].push(logprob);
      const length = prompts[i].length + tokens[i].length;
      if (id === opts.eosId || (opts.eosIds !== undefined && opts.eosIds.includes(id))) {
        stoppedAtEos[i] = true;
      } else if (tokens[i].length < opts.maxNewTokens && length < blockSize) {
        feedRows.push(i);
        feedTokens.push(id);
      }
    });
    if (feedRows.length === 0) break;
    picked = await decoder.step(feedRows, feedTokens, draw(feedRows.length));
    rows = feedRows;
  }
  return { tokens, logprobs, stoppedAtEos };
}
