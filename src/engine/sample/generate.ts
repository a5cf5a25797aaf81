// Batched generation driver shared by both backends. A backend supplies an IncrementalDecoder (a KV
// cache): it appends tokens to a row's cached sequence and returns the logits of the row's last
// position. The driver handles prompts of different lengths, sampling, stopping and log-probs.
// Semantics:
// - each row may hold at most config.blockSize tokens (prompt + generated), so a finished sequence
//   can always be scored by one forward pass; a row stops at eos (eos is included), after
//   maxNewTokens, or when it reaches the block size;
// - random numbers: one Rng(seed); per decode step, rows in index order, each active row draws at
//   most one number (none when greedy), so a seed reproduces on every backend;
// - logprobs[i][j] = log softmax(raw logits)[token] at temperature 1, whatever the sampling
//   temperature/top-k/top-p (the policy's log-probability, as GRPO needs it).
import type { SampleOptions, SampleResult } from '../model-api';
import { Rng } from '../rng';
import { logSoftmaxAt, sampleToken, validateSampleOptions } from './sampling';

export interface IncrementalDecoder {
  /** Starts row `row` with its prompt; returns the logits (length V) after the last prompt token. */
  prefill(row: number, prompt: number[]): Promise<Float32Array>;
  /** Appends one token to each listed row; returns the next-token logits of each, in order. */
  step(rows: number[], tokens: number[]): Promise<Float32Array[]>;
}

export function validatePrompts(prompts: number[][], blockSize: number, vocabSize: number): void {
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
  decoder: IncrementalDecoder, prompts: number[][], opts: SampleOptions, blockSize: number, vocabSize: number,
): Promise<SampleResult> {
  validatePrompts(prompts, blockSize, vocabSize);
  validateSampleOptions(opts);
  if (!Number.isInteger(opts.maxNewTokens) || opts.maxNewTokens < 0) {
    throw new Error(`maxNewTokens must be a non-negative integer, got ${opts.maxNewTokens}`);
  }
  const rng = new Rng(opts.seed);
  const n = prompts.length;
  const tokens: number[][] = prompts.map(() => []);
  const logprobs: number[][] = prompts.map(() => []);
  const stoppedAtEos = prompts.map(() => false);
  const logits: (Float32Array | null)[] = [];
  for (let i = 0; i < n; i++) logits.push(await decoder.prefill(i, prompts[i]));
  const active = new Set<number>();
  for (let i = 0; i < n; i++) if (opts.maxNewTokens > 0 && prompts[i].length < blockSize) active.add(i);
  while (active.size > 0) {
    const feedRows: number[] = [];
    const feedTokens: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!active.has(i)) continue;
      const row = logits[i]!;
      const id = sampleToken(row, opts, rng);
      tokens[i].push(id);
      logprobs[i].push(logSoftmaxAt(row, id));
      const length = prompts[i].length + tokens[i].length;
      if (id === opts.eosId) {
        stoppedAtEos[i] = true;
        active.delete(i);
      } else if (tokens[i].length >= opts.maxNewTokens || length >= blockSize) {
        active.delete(i);
      } else {
        feedRows.push(i);
        feedTokens.push(id);
      }
    }
    if (feedRows.length === 0) break;
    const next = await decoder.step(feedRows, feedTokens);
    feedRows.forEach((r, k) => (logits[r] = next[k]));
  }
  return { tokens, logprobs, stoppedAtEos };
}
