// Backend-agnostic choice of the next token from one row of logits (the CPU model and the WebGPU
// model, on read-back rows, share it so the same seed gives the same tokens on both).
// Rules:
// - temperature 0 (or below): greedy argmax (lowest id on ties); consumes no random numbers.
// - otherwise: z / temperature; top-k keeps the k largest (ties broken by lower id); top-p keeps the
//   smallest set of most probable tokens whose probability reaches p (always at least one); the
//   token is drawn from the renormalized kept probabilities with exactly one rng.next().
import type { Rng } from '../rng';

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
 * The sampling distribution after temperature, top-k and top-p: ids (most probable first) and
 * their renormalized probabilities.
 */
export function filteredDistribution(logits: ArrayLike<number>, opts: FilterOptions): { ids: number[]; probs: number[] } {
  const V = logits.length;
  const temp = opts.temperature;
  const order = Array.from({ length: V }, (_, j) => j);
  order.sort((a, b) => logits[b] - logits[a] || a - b);
  const k = opts.topK && opts.topK > 0 ? Math.min(opts.topK, V) : V;
  const ids = order.slice(0, k);
  const maxv = logits[ids[0]];
  let probs = ids.map((j) => Math.exp((logits[j] - maxv) / temp));
  let total = probs.reduce((a, b) => a + b, 0);
  probs = probs.map((p) => p / total);
  const p = opts.topP;
  if (p !== undefined && p > 0 && p < 1) {
    let cum = 0;
    let keep = 0;
    while (keep < probs.length) {
      cum += probs[keep];
      keep++;
      if (cum >= p) break;
    }
    ids.length = keep;
    probs = probs.slice(0, keep);
    total = probs.reduce((a, b) => a + b, 0);
    probs = probs.map((q) => q / total);
  }
  return { ids, probs };
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

/** Chooses the next token id from one logits row. */
export function sampleToken(logits: ArrayLike<number>, opts: FilterOptions, rng: Rng): number {
  if (!(opts.temperature > 0)) return argmax(logits);
  const { ids, probs } = filteredDistribution(logits, opts);
  let r = rng.next();
  for (let i = 0; i < ids.length; i++) {
    r -= probs[i];
    if (r < 0) return ids[i];
  }
  return ids[ids.length - 1];
}
