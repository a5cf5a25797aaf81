// The next-token rule shared by both backends, and the CPU reference of sample_tokens.wgsl (the CPU
// model samples with it; the WebGPU model runs the kernel, so only token ids and log-probabilities
// leave the GPU). For one row of logits z (length V), settings (temperature T, top-k k, top-p p)
// and one uniform u in [0, 1) from the run's seeded RNG:
// - T <= 0 (greedy): the argmax, lowest id on ties; u is not used.
// - otherwise w_j = exp((z_j - max z) / T). Rank the tokens by z descending, ties by lower id (the
//   order of the f32 bits mapped to an ordered u32 key, so -0 ranks below +0). The kept set is the
//   first L ranked tokens, L = min(k, smallest prefix whose w reaches p times the top-k mass)
//   (k = 0 or >= V: off; p >= 1: off). The token is the inverse CDF of u over the kept w taken in
//   id order: the first kept id whose running sum exceeds u * (kept mass).
// - logprob = log softmax(z)[token] at temperature 1, whatever T, k, p (the policy's log-probability).
// This reference sorts and scans in float64; the kernel finds the same thresholds without sorting
// (radix search on the keys with parallel counts and sums, 4-way searches on id prefixes), in f32.
// Both agree exactly on the top-k set (integer counts on identical keys); the top-p cut and the
// draw can differ only when a running sum lies within float rounding of its threshold: `margin`
// (relative distance to the nearest such threshold) lets a parity test recognise those cases.

export interface SamplerSettings {
  /** 0 or below = greedy */
  temperature: number;
  /** 0 = off */
  topK: number;
  /** 1 = off */
  topP: number;
}

export interface PickedToken {
  token: number;
  /** log softmax(z)[token] at temperature 1 */
  logprob: number;
}

export interface PickDetail extends PickedToken {
  /** kept ids in rank order (z descending, ties by lower id); [token] when greedy */
  ranked: number[];
  /** their probabilities under the sampling distribution (w renormalized over the kept set) */
  probs: number[];
  /** smallest |running sum - threshold| / mass over the top-p cut and the draw (Infinity when greedy) */
  margin: number;
}

/**
 * Settings from user options, with temperature and top-p rounded to float32 as the kernel receives
 * them (so both backends test `p < 1` and divide by T on the same values).
 */
export function samplerSettings(opts: { temperature: number; topK?: number; topP?: number }): SamplerSettings {
  const topP = opts.topP === undefined ? 1 : Math.fround(opts.topP);
  return { temperature: Math.fround(opts.temperature), topK: opts.topK ?? 0, topP: topP > 0 && topP < 1 ? topP : 1 };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The f32 bits of x as a u32 whose unsigned order is the float order (negatives flipped). */
export function orderedKey(x: number): number {
  f32[0] = x;
  const b = u32[0];
  return b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
}

export function pickTokenDetail(z: ArrayLike<number>, s: SamplerSettings, u: number): PickDetail {
  const V = z.length;
  let best = 0;
  for (let j = 1; j < V; j++) if (z[j] > z[best]) best = j;
  const mx = z[best];
  let lse = 0;
  for (let j = 0; j < V; j++) lse += Math.exp(z[j] - mx);
  const logZ = mx + Math.log(lse);
  if (!(s.temperature > 0)) return { token: best, logprob: z[best] - logZ, ranked: [best], probs: [1], margin: Infinity };

  const keys = new Float64Array(V);
  const w = new Float64Array(V);
  for (let j = 0; j < V; j++) {
    keys[j] = orderedKey(z[j]);
    w[j] = Math.exp((z[j] - mx) / s.temperature);
  }
  const order = Array.from({ length: V }, (_, j) => j).sort((a, b) => keys[b] - keys[a] || a - b);
  let L = s.topK > 0 && s.topK < V ? s.topK : V;
  let margin = Infinity;
  if (s.topP < 1) {
    let mass = 0;
    for (let r = 0; r < L; r++) mass += w[order[r]];
    const target = Math.fround(s.topP * mass); // the kernel's goal is this f32 product
    let cum = 0;
    for (let r = 0; r < L; r++) {
      cum += w[order[r]];
      if (cum >= target) {
        margin = Math.min(cum - target, target - (cum - w[order[r]])) / mass;
        L = r + 1;
        break;
      }
    }
  }
  const kept = new Uint8Array(V);
  for (let r = 0; r < L; r++) kept[order[r]] = 1;
  let keptMass = 0;
  for (let j = 0; j < V; j++) if (kept[j]) keptMass += w[j];
  const x = Math.fround(u * keptMass); // as the kernel forms it (exact sums then agree exactly)
  let token = -1;
  let acc = 0;
  for (let j = 0; j < V && token < 0; j++) {
    if (!kept[j]) continue;
    const prev = acc;
    acc += w[j];
    if (acc > x) {
      token = j;
      margin = Math.min(margin, (acc - x) / keptMass, (x - prev) / keptMass);
    }
  }
  // unreachable in float64 (u < 1 and the scan re-adds the same terms); the kernel's rounding fallback
  if (token < 0) for (let j = V - 1; j >= 0 && token < 0; j--) if (kept[j] && w[j] > 0) token = j;
  const ranked = order.slice(0, L);
  return { token, logprob: z[token] - logZ, ranked, probs: ranked.map((j) => w[j] / keptMass), margin };
}

export function pickToken(z: ArrayLike<number>, s: SamplerSettings, u: number): PickedToken {
  const d = pickTokenDetail(z, s, u);
  return { token: d.token, logprob: d.logprob };
}
