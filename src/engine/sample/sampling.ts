// Backend-agnostic choice of the next token from one row of logits, for the CPU model (the WebGPU
// model runs the same rule in a kernel, so only token ids and log-probabilities leave the GPU).
// The rule is defined in kernels/sample-tokens.ts:
// - temperature 0 (or below): greedy argmax (lowest id on ties); consumes no random numbers.
// - otherwise: z / temperature; top-k keeps the k largest (ties broken by lower id); top-p keeps the
//   smallest set of most probable tokens whose probability reaches p (always at least one); the
//   token is the inverse CDF, in id order, of exactly one rng.nextF32() over the kept probabilities.
import type { Rng } from '../rng';
import { pickTokenDetail, samplerSettings } from '../kernels/sample-tokens';

export interface FilterOptions {
  temperature: number;
  topK?: number;
  topP?: number;
}

export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < logits.length; j++) if (logits[j] > logits[best]) best = j;
  return best;
}

/** log softmax(logits)[id] at temperature 1, in float64 */
export function logSoftmaxAt(logits: ArrayLike<number>, id: number): number {
  let maxv = -Infinity;
  for (let j = 0; j < logits.length; j++) if (logits[j] > maxv) maxv = logits[j];
  let sum = 0;
  for (let j = 0; j < logits.length; j++) sum += Math.exp(logits[j] - maxv);
  return logits[id] - maxv - Math.log(sum);
}

/**
 * The sampling distribution after temperature, top-k and top-p: kept ids (most probable first) and
 * their renormalized probabilities.
 */
export function filteredDistribution(logits: ArrayLike<number>, opts: FilterOptions): { ids: number[]; probs: number[] } {
  const d = pickTokenDetail(logits, samplerSettings(opts), 0);
  return { ids: d.ranked, probs: d.probs };
}

export function validateSampleOptions(opts: FilterOptions): void {
  if (!Number.isFinite(opts.temperature)) throw new Error(`temperature must be a finite number, got ${opts.temperature}`);
  if (opts.topK !== undefined && (!Number.isInteger(opts.topK) || opts.topK < 0)) {
    throw new Error(`topK must be a non-negative integer (0 = off), got ${opts.topK}`);
  }
  if (opts.topP !== undefined && !(opts.topP > 0 && opts.topP <= 1)) {
    throw new Error(`topP must be in (0, 1] (1 = off), got ${opts.topP}`);
  }
}

/** Chooses the next token id from one logits row (one rng.nextF32() unless greedy). */
export function sampleToken(logits: ArrayLike<number>, opts: FilterOptions, rng: Rng): number {
  const s = samplerSettings(opts);
  if (!(s.temperature > 0)) return argmax(logits);
  return pickTokenDetail(logits, s, rng.nextF32()).token;
}
