// The GRPO actor update of one training step: ppo_epochs passes over mini-batches of whole question
// groups (ppo_mini_batch_size questions x n rollouts); each mini-batch is the clipped policy loss
// (+ KL to the frozen reference, - entropy bonus), its analytic d(loss)/d(logprob), backward passes
// and one clipped AdamW step. A non-finite loss or gradient skips that update (weights and
// optimizer unchanged) and is counted; training goes on.
// Micro-batches (actor.ppo_micro_batch_size responses, verl's ppo_micro_batch_size_per_gpu;
// 0 = the whole mini-batch): the mini-batch's rows are cut in order into micro-batches, each its
// own forward and backward pass (Model.backwardLogprobs accumulates), gradients zeroed once before
// the mini-batch and one optimizer step after it; so a pass holds the activations and logits of one
// micro-batch only. Every forward over the batch (old log-probs, the KL reference, the trace) runs
// per micro-batch too. The loss of each micro-batch is aggregated with its mini-batch's totals
// (policy-loss.ts `of`: token-mean divides by the mini-batch's scored tokens, the seq-mean modes by
// its rows), so the accumulated loss and gradient equal the un-micro-batched ones, and so do the
// metrics (combined over the micro-batches: the loss terms summed, the token fractions weighted by
// tokens). This is what verl's newer training engine does: agg_loss divides by the mini-batch's
// totals passed as global_batch_info (batch_num_tokens, global_batch_size). verl's older dp_actor
// (the v0.3-v0.5 line) instead divided each micro-batch's own token-mean by the number of
// micro-batches, a mean of micro-batch means that differs from the mini-batch's token-mean when
// micro-batches score different numbers of tokens (reported as a bug in verl issue #5625), and
// logged per-micro-batch metrics averaged. We follow the newer form, which keeps the numbers the
// same whether the option is set or not; with equal token counts per micro-batch the two agree.
// As verl: the old log-probabilities are recomputed by a forward pass of the policy over every
// mini-batch before the first update (not taken from the sampler), so on the first mini-batch of the
// first epoch the ratio is exactly 1 (ppo_kl and clip fractions exactly 0); and with a rollout
// temperature T != 1 every scoring (old, new and the KL reference) uses logits / T.

import type { Model as EngineModel, ModelConfigBase, TokenBatch } from '../../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import type { ActorConfig } from '../config';
import { policyLoss, type AggregationTotals, type PolicyLossOptions, type PolicyLossResult } from './policy-loss';
import { packSequences, packedWidth, type PackedBatch, type SequenceRow } from './sequences';

export interface UpdateRow extends SequenceRow {
  group: number;
  advantage: number;
}

export interface UpdateResult {
  /** verl's actor/* metrics, means over the mini-batch updates that ran */
  metrics: Record<string, number>;
  updates: number;
  skipped: number;
  /** why updates were skipped (empty when none were) */
  faults: string[];
  /** with opts.trace: per row (input order), per response token */
  trace?: TokenTrace[];
}

/** One rollout's response tokens as the update saw them (UpdateOptions.trace). */
export interface TokenTrace {
  /** log-probability under the policy before the update (the old log-probs of the ratio) */
  old: number[];
  /** entropy of the policy's next-token distribution before the update */
  entropy: number[];
  /** log-probability under the policy after the step's updates: ratio = exp(new - old) */
  new: number[];
}

/** Per-row response-token values of a packed batch (row b's token j sits at b*T + prompt - 1 + j). */
export function unpackResponses(rows: readonly SequenceRow[], T: number, values: Float32Array): number[][] {
  return rows.map((r, b) => r.response.map((_, j) => values[b * T + r.prompt.length - 1 + j]));
}

function lossOptions(a: ActorConfig): PolicyLossOptions {
  return {
    clipRatioLow: a.clip_ratio_low,
    clipRatioHigh: a.clip_ratio_high,
    clipRatioC: a.clip_ratio_c,
    useKl: a.use_kl_loss,
    klCoef: a.kl_loss_coef,
    klType: a.kl_loss_type,
    entropyCoeff: a.entropy_coeff,
    aggMode: a.loss_agg_mode,
  };
}

/** Cuts a mini-batch's rows, in order, into micro-batches of `size` rows (0 = one: the whole mini-batch). */
export function microBatches<T>(rows: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 0) throw new Error(`microBatches: size must be a non-negative integer, got ${size}`);
  if (size === 0 || size >= rows.length) return [[...rows]];
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Splits rows into mini-batches of `questions` whole groups each, in group order. */
export function miniBatches<T extends { group: number }>(rows: readonly T[], questions: number): T[][] {
  const groups: number[] = [];
  for (const r of rows) if (!groups.includes(r.group)) groups.push(r.group);
  const out: T[][] = [];
  for (let i = 0; i < groups.length; i += questions) {
    const ids = new Set(groups.slice(i, i + questions));
    out.push(rows.filter((r) => ids.has(r.group)));
  }
  return out;
}

export interface UpdateOptions {
  actor: ActorConfig;
  padId: number;
  /** reference-policy log-probabilities of a packed micro-batch (its temperature included), when KL is on */
  refLogprobs?: (batch: TokenBatch, rows: UpdateRow[]) => Promise<Float32Array>;
  /** the rollout temperature: the actor scores logits / T (undefined or 1 = the logits themselves) */
  temperature?: number;
  /** test/fault hook: corrupts the gradient of the next update so it is non-finite */
  poison?: () => boolean;
  /** also return each row's token log-probs and entropies before, and log-probs after, the update
   *  (one more forward pass over the batch at the end; the update itself is unchanged) */
  trace?: boolean;
}

/** One forward/backward pass: a micro-batch's rows packed as wide as their mini-batch. */
interface Micro {
  rows: UpdateRow[];
  pack: PackedBatch;
  /** the policy's log-probs and entropies before any update (verl's compute_log_prob) */
  old: Float32Array;
  entropy: Float32Array;
  /** the reference's log-probs (KL loss), computed once */
  ref?: Float32Array;
}

interface Mini {
  micros: Micro[];
  totals: AggregationTotals;
}

/** The loss of one mini-batch from its micro-batches' (loss terms add up, token fractions weighted by tokens). */
function combine(parts: PolicyLossResult[]): Omit<PolicyLossResult, 'dlogprobs' | 'dentropy'> {
  const tokens = parts.reduce((a, p) => a + p.tokens, 0);
  const sum = (k: 'loss' | 'pgLoss' | 'klLoss' | 'entropy') => parts.reduce((a, p) => a + p[k], 0);
  const frac = (k: 'pgClipfrac' | 'pgClipfracLower' | 'ppoKl') => (tokens ? parts.reduce((a, p) => a + p[k] * p.tokens, 0) / tokens : 0);
  return {
    loss: sum('loss'), pgLoss: sum('pgLoss'), klLoss: sum('klLoss'), entropy: sum('entropy'),
    pgClipfrac: frac('pgClipfrac'), pgClipfracLower: frac('pgClipfracLower'), ppoKl: frac('ppoKl'), tokens,
  };
}

export async function grpoUpdate(model: Model, rows: readonly UpdateRow[], opts: UpdateOptions): Promise<UpdateResult> {
  const a = opts.actor;
  const lo = lossOptions(a);
  const sums: Record<string, number> = {};
  const add = (k: string, v: number) => (sums[k] = (sums[k] ?? 0) + v);
  let updates = 0;
  let skipped = 0;
  const faults: string[] = [];
  if (a.use_kl_loss && !opts.refLogprobs) throw new Error('grpoUpdate: use_kl_loss needs reference log-probabilities');
  const temperature = opts.temperature !== undefined && opts.temperature !== 1 ? { temperature: opts.temperature } : {};
  const minis: Mini[] = [];
  for (const mb of miniBatches(rows, a.ppo_mini_batch_size)) {
    const width = packedWidth(mb);
    const micros: Micro[] = [];
    for (const part of microBatches(mb, a.ppo_micro_batch_size ?? 0)) {
      const p = packSequences(part, opts.padId, width);
      const pack = { ...p, batch: { ...p.batch, ...temperature } };
      // old log-probs: a forward pass of the policy before any update (verl's compute_log_prob)
      const f = pack.tokens ? await model.forwardLogprobs(pack.batch) : { logprobs: pack.old, entropy: new Float32Array(pack.old.length) };
      micros.push({ rows: part, pack, old: f.logprobs, entropy: f.entropy });
    }
    minis.push({ micros, totals: { tokens: micros.reduce((s, m) => s + m.pack.tokens, 0), rows: mb.length } });
  }
  for (let epoch = 0; epoch < a.ppo_epochs; epoch++) {
    for (let m = 0; m < minis.length; m++) {
      const { micros, totals } = minis[m];
      if (totals.tokens === 0) continue;
      model.zeroGrad();
      const parts: PolicyLossResult[] = [];
      let poisoned = false;
      let bad: string | null = null;
      for (let k = 0; k < micros.length && bad === null; k++) {
        const mc = micros[k];
        if (mc.pack.tokens === 0) continue; // scores nothing: no loss, no gradient
        const { pack } = mc;
        if (a.use_kl_loss) mc.ref ??= await opts.refLogprobs!(pack.batch, mc.rows);
        const fwd = await model.forwardLogprobs(pack.batch);
        const loss = policyLoss(
          { B: pack.batch.B, T: pack.batch.T, mask: pack.mask, logprobs: fwd.logprobs, oldLogprobs: mc.old, refLogprobs: mc.ref, entropy: fwd.entropy, advantages: mc.rows.map((r) => r.advantage), of: totals },
          lo,
        );
        if (!poisoned && opts.poison?.()) loss.dlogprobs[pack.mask.indexOf(1)] = NaN;
        poisoned = true;
        if (!Number.isFinite(loss.loss)) {
          bad = `epoch ${epoch} mini-batch ${m}${micros.length > 1 ? ` (micro-batch ${k})` : ''}: loss is ${loss.loss}`;
          break;
        }
        await model.backwardLogprobs(loss.dlogprobs, a.entropy_coeff !== 0 ? loss.dentropy : undefined);
        parts.push(loss);
      }
      if (bad !== null) {
        skipped++;
        faults.push(bad);
        continue;
      }
      const step = await model.step({ lr: a.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: a.weight_decay, maxGradNorm: a.grad_clip });
      if (step.skipped) {
        skipped++;
        faults.push(`epoch ${epoch} mini-batch ${m}: gradient norm is ${step.gradNorm}`);
        continue;
      }
      const loss = combine(parts);
      updates++;
      add('actor/pg_loss', loss.pgLoss);
      add('actor/pg_clipfrac', loss.pgClipfrac);
      add('actor/pg_clipfrac_lower', loss.pgClipfracLower);
      add('actor/ppo_kl', loss.ppoKl);
      add('actor/entropy', loss.entropy);
      add('actor/grad_norm', step.gradNorm);
      add('actor/loss', loss.loss);
      if (a.use_kl_loss) add('actor/kl_loss', loss.klLoss);
    }
  }
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(sums)) metrics[k] = v / Math.max(1, updates);
  if (a.use_kl_loss) metrics['actor/kl_coef'] = a.kl_loss_coef;
  metrics['actor/lr'] = a.lr;
  metrics['actor/updates'] = updates;
  metrics['actor/skipped_updates'] = skipped;
  return { metrics, updates, skipped, faults, ...(opts.trace ? { trace: await traceRows(model, rows, minis) } : {}) };
}

async function traceRows(model: Model, rows: readonly UpdateRow[], minis: Mini[]): Promise<TokenTrace[]> {
  const byRow = new Map<UpdateRow, TokenTrace>();
  for (const { micros } of minis) {
    for (const mc of micros) {
      const { batch } = mc.pack;
      const after = mc.pack.tokens ? (await model.forwardLogprobs(batch)).logprobs : new Float32Array(batch.B * batch.T);
      const [o, e, n] = [mc.old, mc.entropy, after].map((v) => unpackResponses(mc.rows, batch.T, v));
      mc.rows.forEach((r, b) => byRow.set(r, { old: o[b], entropy: e[b], new: n[b] }));
    }
  }
  return rows.map((r) => byRow.get(r) ?? { old: [], entropy: [], new: [] });
}
