// The GRPO actor update of one training step: ppo_epochs passes over mini-batches of whole question
// groups (ppo_mini_batch_size questions x n rollouts); each mini-batch is one forward pass, the
// clipped policy loss (+ KL to the frozen reference, - entropy bonus) and its analytic
// d(loss)/d(logprob), one backward pass and one clipped AdamW step. A non-finite loss or gradient
// skips that update (weights and optimizer unchanged) and is counted; training goes on.
// As verl: the old log-probabilities are recomputed by a forward pass of the policy over every
// mini-batch before the first update (not taken from the sampler), so on the first mini-batch of the
// first epoch the ratio is exactly 1 (ppo_kl and clip fractions exactly 0); and with a rollout
// temperature T != 1 every scoring (old, new and the KL reference) uses logits / T.

import type { Model as EngineModel, ModelConfigBase, TokenBatch } from '../../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import type { ActorConfig } from '../config';
import { policyLoss, type PolicyLossOptions } from './policy-loss';
import { packSequences, type SequenceRow } from './sequences';

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
  /** reference-policy log-probabilities of a packed mini-batch (its temperature included), when KL is on */
  refLogprobs?: (batch: TokenBatch, rows: UpdateRow[]) => Promise<Float32Array>;
  /** the rollout temperature: the actor scores logits / T (undefined or 1 = the logits themselves) */
  temperature?: number;
  /** test/fault hook: corrupts the gradient of the next update so it is non-finite */
  poison?: () => boolean;
  /** also return each row's token log-probs and entropies before, and log-probs after, the update
   *  (one more forward pass over the batch at the end; the update itself is unchanged) */
  trace?: boolean;
}

export async function grpoUpdate(model: Model, rows: readonly UpdateRow[], opts: UpdateOptions): Promise<UpdateResult> {
  const a = opts.actor;
  const lo = lossOptions(a);
  const sums: Record<string, number> = {};
  const add = (k: string, v: number) => (sums[k] = (sums[k] ?? 0) + v);
  let updates = 0;
  let skipped = 0;
  const faults: string[] = [];
  const batches = miniBatches(rows, a.ppo_mini_batch_size);
  if (a.use_kl_loss && !opts.refLogprobs) throw new Error('grpoUpdate: use_kl_loss needs reference log-probabilities');
  const temperature = opts.temperature !== undefined && opts.temperature !== 1 ? { temperature: opts.temperature } : {};
  const packs = batches.map((mb) => {
    const p = packSequences(mb, opts.padId);
    return { ...p, batch: { ...p.batch, ...temperature } };
  });
  // old log-probs: one forward pass of the policy before any update (verl's compute_log_prob)
  const olds: Float32Array[] = [];
  const entropies: Float32Array[] = [];
  for (const p of packs) {
    const f = p.tokens ? await model.forwardLogprobs(p.batch) : { logprobs: p.old, entropy: new Float32Array(p.old.length) };
    olds.push(f.logprobs);
    entropies.push(f.entropy);
  }
  const refCache = new Map<number, Float32Array>();
  for (let epoch = 0; epoch < a.ppo_epochs; epoch++) {
    for (let m = 0; m < batches.length; m++) {
      const mb = batches[m];
      const packed = packs[m];
      if (packed.tokens === 0) continue;
      let ref: Float32Array | undefined;
      if (a.use_kl_loss) {
        if (!refCache.has(m)) refCache.set(m, await opts.refLogprobs!(packed.batch, mb));
        ref = refCache.get(m);
      }
      model.zeroGrad();
      const fwd = await model.forwardLogprobs(packed.batch);
      const loss = policyLoss(
        { B: packed.batch.B, T: packed.batch.T, mask: packed.mask, logprobs: fwd.logprobs, oldLogprobs: olds[m], refLogprobs: ref, entropy: fwd.entropy, advantages: mb.map((r) => r.advantage) },
        lo,
      );
      if (opts.poison?.()) loss.dlogprobs[packed.mask.indexOf(1)] = NaN;
      if (!Number.isFinite(loss.loss)) {
        skipped++;
        faults.push(`epoch ${epoch} mini-batch ${m}: loss is ${loss.loss}`);
        continue;
      }
      await model.backwardLogprobs(loss.dlogprobs, a.entropy_coeff !== 0 ? loss.dentropy : undefined);
      const step = await model.step({ lr: a.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: a.weight_decay, maxGradNorm: a.grad_clip });
      if (step.skipped) {
        skipped++;
        faults.push(`epoch ${epoch} mini-batch ${m}: gradient norm is ${step.gradNorm}`);
        continue;
      }
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
  return { metrics, updates, skipped, faults, ...(opts.trace ? { trace: await traceRows(model, rows, batches, packs, olds, entropies) } : {}) };
}

async function traceRows(model: Model, rows: readonly UpdateRow[], batches: UpdateRow[][], packs: { batch: TokenBatch; tokens: number }[],
  olds: Float32Array[], entropies: Float32Array[]): Promise<TokenTrace[]> {
  const byRow = new Map<UpdateRow, TokenTrace>();
  for (let m = 0; m < batches.length; m++) {
    const { batch } = packs[m];
    const after = packs[m].tokens ? (await model.forwardLogprobs(batch)).logprobs : new Float32Array(batch.B * batch.T);
    const [o, e, n] = [olds[m], entropies[m], after].map((v) => unpackResponses(batches[m], batch.T, v));
    batches[m].forEach((r, b) => byRow.set(r, { old: o[b], entropy: e[b], new: n[b] }));
  }
  return rows.map((r) => byRow.get(r) ?? { old: [], entropy: [], new: [] });
}
