// The GRPO actor loss on per-token log-probabilities, as verl computes it (vanilla policy loss with
// dual clip, optional KL-to-reference loss, entropy bonus), plus its analytic gradient with respect
// to each token's log-probability (and entropy) — what Model.backwardLogprobs takes.
//
//   ratio   = exp(clamp(logp - old, -20, 20))
//   pg1     = -A * ratio,  pg2 = -A * clamp(ratio, 1 - eps_low, 1 + eps_high)
//   clip1   = max(pg1, pg2);  pg = A < 0 ? min(-A * clip_ratio_c, clip1) : clip1       (dual clip)
//   kl      = low_var_kl: d = clamp(ref - logp, -20, 20); clamp(exp(d) - d - 1, -10, 10)
//             kl: logp - ref;   mse: 0.5 * (logp - ref)^2
//   loss    = agg(pg) - entropy_coeff * agg(entropy) + kl_coef * agg(kl)
// agg is one of verl's loss_agg_mode's over a mask of response tokens. A micro-batch (a slice of a
// mini-batch's rows, actor.ppo_micro_batch_size) passes its mini-batch's totals as `of`: each
// term is then divided by the mini-batch's scored tokens (token-mean) or rows (seq-mean-*), so the
// micro-batches' losses and gradients add up to the whole mini-batch's exactly (verl's
// agg_loss with global_batch_info: batch_num_tokens / global_batch_size). `tokenScale` multiplies
// loss and gradients by a constant.

export type KlType = 'low_var_kl' | 'kl' | 'mse';
export type LossAggMode = 'token-mean' | 'seq-mean-token-sum' | 'seq-mean-token-mean';

export interface PolicyLossOptions {
  clipRatioLow: number;
  clipRatioHigh: number;
  /** dual-clip lower bound for negative advantages (verl's clip_ratio_c, 3.0) */
  clipRatioC: number;
  useKl: boolean;
  klCoef: number;
  klType: KlType;
  entropyCoeff: number;
  aggMode: LossAggMode;
}

/** Token rows: B sequences of T positions; mask[b*T+t] = 1 for response tokens scored by the loss. */
export interface PolicyLossInput {
  B: number;
  T: number;
  mask: Uint8Array;
  logprobs: Float32Array;
  oldLogprobs: Float32Array;
  /** frozen reference policy's log-probabilities (required when useKl) */
  refLogprobs?: Float32Array;
  entropy?: Float32Array;
  /** one advantage per sequence */
  advantages: ArrayLike<number>;
  /**
   * when these rows are one micro-batch of a mini-batch: the mini-batch's scored tokens and rows,
   * the denominators of the aggregation (absent: this batch's own)
   */
  of?: AggregationTotals;
}

/** The denominators of verl's loss aggregation: scored tokens (token-mean) and rows (seq-mean-*). */
export interface AggregationTotals {
  tokens: number;
  rows: number;
}

export interface PolicyLossResult {
  loss: number;
  pgLoss: number;
  klLoss: number;
  entropy: number;
  /** fraction of tokens where the clipped term is taken (pg2 > pg1) */
  pgClipfrac: number;
  /** fraction of tokens where the dual clip is taken (A < 0 and -A*c < clip1) */
  pgClipfracLower: number;
  /** mean of old - logp (approximate KL between old and current policy) */
  ppoKl: number;
  dlogprobs: Float32Array;
  dentropy: Float32Array;
  tokens: number;
}

/**
 * Per-token weights w such that agg(x) = sum(w * x); `of`: the totals of the mini-batch these rows
 * belong to (default: these rows' own).
 */
export function aggregationWeights(mask: Uint8Array, B: number, T: number, mode: LossAggMode, of?: AggregationTotals): Float32Array {
  const w = new Float32Array(B * T);
  if (mode === 'token-mean') {
    let n = of?.tokens ?? 0;
    if (!of) for (let i = 0; i < B * T; i++) n += mask[i];
    if (n > 0) for (let i = 0; i < B * T; i++) w[i] = mask[i] / n;
    return w;
  }
  const rows = of?.rows ?? B;
  for (let b = 0; b < B; b++) {
    let n = 0;
    for (let t = 0; t < T; t++) n += mask[b * T + t];
    const per = mode === 'seq-mean-token-sum' ? 1 / rows : n > 0 ? 1 / (rows * n) : 0;
    for (let t = 0; t < T; t++) w[b * T + t] = mask[b * T + t] * per;
  }
  return w;
}

/** verl's kl_penalty value and d/d(logp) for one token. */
export function klTerm(logp: number, ref: number, type: KlType): { value: number; grad: number } {
  if (type === 'kl') return { value: logp - ref, grad: 1 };
  if (type === 'mse') return { value: 0.5 * (logp - ref) ** 2, grad: logp - ref };
  const raw = ref - logp;
  const d = Math.min(20, Math.max(-20, raw));
  const dClamped = raw !== d;
  const e = Math.exp(d);
  const kld = e - d - 1;
  const value = Math.min(10, Math.max(-10, kld));
  // d kld / d logp = (e - 1) * d(d)/d(logp) = (e - 1) * (-1), zero where a clamp is active
  const grad = dClamped || kld > 10 ? 0 : 1 - e;
  return { value, grad };
}

export function policyLoss(input: PolicyLossInput, opts: PolicyLossOptions, tokenScale = 1): PolicyLossResult {
  const { B, T, mask, logprobs, oldLogprobs, refLogprobs, entropy, advantages } = input;
  if (opts.useKl && !refLogprobs) throw new Error('policyLoss: useKl needs refLogprobs');
  const w = aggregationWeights(mask, B, T, opts.aggMode, input.of);
  const dlogprobs = new Float32Array(B * T);
  const dentropy = new Float32Array(B * T);
  let pgLoss = 0, klLoss = 0, ent = 0, clipN = 0, lowerN = 0, kl1 = 0, tokens = 0;
  const lo = 1 - opts.clipRatioLow;
  const hi = 1 + opts.clipRatioHigh;
  for (let b = 0; b < B; b++) {
    const A = advantages[b];
    for (let t = 0; t < T; t++) {
      const i = b * T + t;
      if (!mask[i]) continue;
      tokens++;
      const raw = logprobs[i] - oldLogprobs[i];
      const nak = Math.min(20, Math.max(-20, raw));
      const ratioDeriv = raw === nak ? 1 : 0;
      const ratio = Math.exp(nak);
      kl1 += -nak;
      const clipped = Math.min(hi, Math.max(lo, ratio));
      const pg1 = -A * ratio;
      const pg2 = -A * clipped;
      const inRange = ratio > lo && ratio < hi;
      let val: number;
      let g: number; // d(pg)/d(logp)
      if (pg2 > pg1) {
        clipN++;
        val = pg2;
        g = inRange ? -A * ratio * ratioDeriv : 0;
      } else {
        val = pg1;
        g = -A * ratio * ratioDeriv;
      }
      if (A < 0) {
        const pg3 = -A * opts.clipRatioC;
        if (pg3 < val) {
          lowerN++;
          val = pg3;
          g = 0;
        }
      }
      pgLoss += w[i] * val;
      let gl = w[i] * g;
      if (opts.useKl) {
        const k = klTerm(logprobs[i], refLogprobs![i], opts.klType);
        klLoss += w[i] * k.value;
        gl += opts.klCoef * w[i] * k.grad;
      }
      if (entropy) {
        ent += w[i] * entropy[i];
        dentropy[i] = -opts.entropyCoeff * w[i] * tokenScale;
      }
      dlogprobs[i] = gl * tokenScale;
    }
  }
  const loss = pgLoss - opts.entropyCoeff * ent + (opts.useKl ? opts.klCoef * klLoss : 0);
  return {
    loss: loss * tokenScale,
    pgLoss: pgLoss * tokenScale,
    klLoss: klLoss * tokenScale,
    entropy: ent * tokenScale,
    pgClipfrac: tokens ? clipN / tokens : 0,
    pgClipfracLower: tokens ? lowerN / tokens : 0,
    ppoKl: tokens ? kl1 / tokens : 0,
    dlogprobs,
    dentropy,
    tokens,
  };
}
