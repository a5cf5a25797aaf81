// The LRPO Trainer: one training step as data (design.md) — schedules, plan, generate, reward,
// advantages, update, route, report. The same class runs in the browser worker and the CLI; it
// knows nothing of React, the DOM or files. Callers persist getState() with the model weights
// (run/save.ts, through the run module run/run.ts) and post or write each StepReport.

import { regionAsGiven, type Example } from '../data/example';
import type { Model as EngineModel, ModelConfigBase } from '../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import { Rng, type RngState } from '../engine/rng';
import { nextBatch, type BatchOrderState } from './batch-order';
import type { RunConfig } from './config';
import { groupAdvantages, type Histogram } from './grpo/advantages';
import { rolloutMetrics } from './grpo/metrics';
import { grpoUpdate, type UpdateResult, type UpdateRow } from './grpo/update';
import { planBatch, type PlannedRollout, type RolloutSource } from './planner';
import type { Router, RouterLogLine, RouterSnapshot, RouterState } from './router/types';
import type { SftTokenizer } from './sft';
import { batchSeed, trainerSeed } from './run-seeds';
import { stopOptions, withoutStops } from './stop-ids';
import { round4, tokenPieces } from './teaching/token-pieces';
import type { TokenTrace } from './grpo/update';

/**
 * What the trainer needs from a reward: the rewards module's breakdown. The optional components
 * (rewards/reward.ts RewardBreakdown) are kept in each rollout record when the scorer gives them.
 * A non-finite reward (e.g. an embedding model returning NaN) is a numeric fault: see trainStep.
 */
export interface RolloutReward {
  detectedLang: string | null;
  similarity: number;
  calibrated: number;
  reward: number;
  /** fastText's probability of the detected language */
  detectedProb?: number;
  /** r before the gate: clamp((s_cal + 1) / 2, 0, 1) */
  raw?: number;
  /** the language gate's factor: 1, 0 (hard) or the soft penalty */
  gate?: number;
  /** language of the reference the response was compared with */
  referenceLang?: string;
}

export interface RolloutForReward {
  response: string;
  targetLang: string;
  example: Example;
}

export type RolloutScorer = (items: readonly RolloutForReward[]) => Promise<RolloutReward[]>;

export interface RolloutRecord {
  step: number;
  group: number;
  /** the question's row in the training file */
  row: number;
  question: string;
  topic: string;
  regions: string[];
  origLang: string;
  targetLang: string;
  source: RolloutSource;
  response: string;
  detectedLang: string | null;
  detectedProb?: number;
  referenceLang?: string;
  similarity: number;
  calibrated: number;
  raw?: number;
  gate?: number;
  /** NaN when the reward could not be computed (a numeric fault; the step's update was skipped) */
  reward: number;
  advantage: number;
  responseLength: number;
  truncated: boolean;
  /** the router's effective distribution over router.languages for this question when its
   *  languages were drawn (routed runs only) */
  routerProbs?: number[];
  /** the response token by token (tokenPieces) with, per token, the log-probability and entropy
   *  of the policy before the update and the log-probability after it (absent when the update was
   *  skipped); rounded to 4 decimals */
  tokens?: string[];
  logprobs?: number[];
  entropies?: number[];
  newLogprobs?: number[];
}

export interface StepReport {
  /** training steps completed, this one included (1 for the first) */
  step: number;
  metrics: Record<string, number>;
  /** the router's JSONL line for this step (null when not due or not routing) */
  routerLog: RouterLogLine | null;
  routerSnapshot: RouterSnapshot | null;
  rollouts: RolloutRecord[];
  advantages: number[];
  advantageHistogram: Histogram;
  /** true when an update of this step was skipped (non-finite loss or gradient) */
  skipped: boolean;
  faults: string[];
  /** set when max_consecutive_faults was reached: the run must stop/pause */
  halted: string | null;
  timing: Record<string, number>;
}

export interface TrainerState {
  version: 1;
  step: number;
  rng: RngState;
  batchRng: RngState;
  batchOrder: BatchOrderState;
  consecutiveFaults: number;
  totalFaults: number;
  router: RouterState | null;
}

export interface TrainerOptions {
  config: RunConfig;
  model: Model;
  /** frozen copy of the initial policy (required when actor.use_kl_loss) */
  reference: Model | null;
  tokenizer: SftTokenizer;
  router: Router;
  score: RolloutScorer;
  train: readonly Example[];
  onReport?: (report: StepReport) => void | Promise<void>;
}

export type Routing = 'router' | 'mono' | 'uniform';

export function routingOf(c: RunConfig): Routing {
  if (!c.router.dynamic_lang_policy) return 'mono';
  return c.router.uniform_mix ? 'uniform' : 'router';
}

const now = () => performance.now();

/** Whether the tokenizer has `<|out_lang_{lang}|>` (langTokenId throws when it has not). */
export function hasTag(tok: { langTokenId(code: string): number }, lang: string): boolean {
  try {
    tok.langTokenId(lang);
    return true;
  } catch {
    return false;
  }
}

/** The update result of a step whose update was skipped before it started (a reward was not a number). */
function skippedUpdate(lr: number, faults: string[]): UpdateResult {
  return { metrics: { 'actor/lr': lr, 'actor/updates': 0, 'actor/skipped_updates': 1 }, updates: 0, skipped: 1, faults };
}

export class Trainer {
  readonly config: RunConfig;
  private readonly o: TrainerOptions;
  private rng: Rng;
  /** batch order has its own RNG so runs that differ only in routing see the same questions */
  private batchRng: Rng;
  private batchOrder: BatchOrderState = { order: [], cursor: 0 };
  private completed = 0;
  private consecutiveFaults = 0;
  private totalFaults = 0;
  private poisonNext = false;

  constructor(opts: TrainerOptions) {
    this.o = opts;
    this.config = opts.config;
    this.rng = new Rng(trainerSeed(opts.config.seed));
    this.batchRng = new Rng(batchSeed(opts.config.seed));
    if (opts.config.actor.use_kl_loss && !opts.reference) throw new Error('Trainer: actor.use_kl_loss needs a reference model');
    if (!opts.train.length) throw new Error('Trainer: no training examples');
    if (opts.config.data.instruction_mode === 'tag') {
      const untagged = [...new Set(opts.train.map((e) => e.language))].filter((l) => !hasTag(opts.tokenizer, l));
      if (untagged.length) throw new Error(`Trainer: questions in ${untagged.join(', ')} have no <|out_lang_xx|> tag in the tokenizer (leave them out with splitUntagged, or use instruction_mode system)`);
    }
    // the reference creates a router row for every topic and region of the data up front (data order)
    if (routingOf(opts.config) === 'router') opts.router.registerContexts(opts.train);
  }

  get step(): number {
    return this.completed;
  }

  /** Makes the next update's gradient non-finite (fault drills in tests and the studio). */
  injectFault(): void {
    this.poisonNext = true;
  }

  async trainStep(): Promise<StepReport> {
    const c = this.config;
    const { model, tokenizer: tok, router } = this.o;
    const routing = routingOf(c);
    const timing: Record<string, number> = {};
    const t0 = now();

    // 1 schedules
    const sched = routing === 'router' ? router.beginStep() : null;
    // 2 plan
    const idx = nextBatch(this.batchOrder, this.o.train.length, c.data.train_batch_size, this.batchRng);
    const batch = idx.map((i) => this.o.train[i]);
    // the router's distribution for each question at the moment its languages are drawn (for the report)
    const routerProbs = routing === 'router' ? batch.map((ex) => Array.from(router.probabilities({ topic: ex.topic, regions: ex.regions }).effective)) : null;
    const plan = planBatch(
      batch,
      {
        n: c.actor.rollout_n, origLangMin: c.router.lang_policy_orig_lang_min, fixedLangTopics: c.router.fixed_lang_topics,
        mode: c.data.instruction_mode, routing, languages: c.router.languages, maxPromptLength: c.data.max_prompt_length,
      },
      tok,
      (ex) => router.choose({ topic: ex.topic, regions: ex.regions }),
      this.rng,
    );
    // 3 generate
    let t = now();
    const gen = await model.generate(plan.map((p) => p.prompt), {
      maxNewTokens: c.data.max_response_length, temperature: c.actor.rollout_temperature,
      topK: c.actor.rollout_top_k || undefined, topP: c.actor.rollout_top_p, seed: this.rng.nextU32(), ...stopOptions(tok),
    });
    timing['timing_s/gen'] = (now() - t) / 1000;
    // 4 reward
    t = now();
    const texts = gen.tokens.map((ids) => tok.decode(withoutStops(tok, ids), { skipSpecials: true }));
    const scores = await this.o.score(plan.map((p, i) => ({ response: texts[i], targetLang: p.targetLang, example: p.example })));
    timing['timing_s/reward'] = (now() - t) / 1000;
    // 5 advantages (over the rollouts whose reward is a number; a non-finite one is a numeric fault)
    t = now();
    const rewards = scores.map((s) => s.reward);
    const finite = rewards.map((r) => Number.isFinite(r));
    const rewardFaults = plan.flatMap((p, i) => finite[i] ? [] : [`rollout ${i} (row ${p.example.index}, ${p.targetLang}): reward is ${rewards[i]} (similarity ${scores[i].similarity})`]);
    const kept = plan.flatMap((_, i) => (finite[i] ? [i] : []));
    const adv = groupAdvantages(kept.map((i) => rewards[i]), kept.map((i) => plan[i].group), c.actor.norm_adv_by_std_in_grpo);
    const advantages = new Array<number>(plan.length).fill(0);
    kept.forEach((i, j) => (advantages[i] = adv.advantages[j]));
    const groups = adv.groups;
    timing['timing_s/adv'] = (now() - t) / 1000;
    // 6 update (skipped, weights kept, when a reward is not a number)
    t = now();
    const rows: UpdateRow[] = plan.map((p, i) => ({ prompt: p.prompt, response: gen.tokens[i], responseLogprobs: gen.logprobs[i], group: p.group, advantage: advantages[i] }));
    const reference = this.o.reference;
    const upd = rewardFaults.length ? skippedUpdate(c.actor.lr, rewardFaults) : await grpoUpdate(model, rows, {
      actor: c.actor,
      padId: tok.padId,
      refLogprobs: reference ? async (batch) => (await reference.forwardLogprobs(batch)).logprobs : undefined,
      // the actor scores logits / T as the sampler drew from them (greedy T = 0: the logits themselves)
      temperature: c.actor.rollout_temperature > 0 ? c.actor.rollout_temperature : 1,
      trace: true,
      poison: () => {
        const p = this.poisonNext;
        this.poisonNext = false;
        return p;
      },
    });
    timing['timing_s/update_actor'] = (now() - t) / 1000;
    // 7 route
    let routerLog: RouterLogLine | null = null;
    if (routing === 'router') {
      plan.forEach((p, i) => finite[i] && router.observe(p.example.topic, regionAsGiven(p.example), p.targetLang, rewards[i]));
      routerLog = router.endStep();
    }
    // 8 report
    this.completed++;
    this.totalFaults += upd.skipped;
    this.consecutiveFaults = upd.skipped > 0 ? this.consecutiveFaults + 1 : 0;
    const halted = this.consecutiveFaults >= c.trainer.max_consecutive_faults
      ? `stopped after ${this.consecutiveFaults} consecutive steps with non-finite loss or gradient (trainer.max_consecutive_faults = ${c.trainer.max_consecutive_faults}): ${upd.faults.join('; ')}`
      : null;
    const records = this.records(plan, gen, texts, scores, advantages, upd.trace, routerProbs ? (p) => routerProbs[batch.indexOf(p.example)] : null);
    const { metrics, advantageHistogram } = rolloutMetrics(
      kept.map((i) => ({ ...records[i], promptLength: plan[i].prompt.length, promptTruncated: plan[i].promptTruncated })),
      groups,
      c.data.max_response_length,
    );
    Object.assign(metrics, upd.metrics);
    metrics['faults/nonfinite'] = this.totalFaults;
    metrics['faults/consecutive'] = this.consecutiveFaults;
    if (sched) {
      metrics['router/tau'] = sched.tau;
      metrics['router/eps'] = sched.eps;
    }
    const totalTokens = plan.reduce((a, p, i) => a + p.prompt.length + gen.tokens[i].length, 0);
    timing['timing_s/step'] = (now() - t0) / 1000;
    Object.assign(metrics, timing);
    metrics['perf/total_num_tokens'] = totalTokens;
    metrics['perf/throughput'] = totalTokens / Math.max(1e-9, timing['timing_s/step']);
    metrics['training/global_step'] = this.completed;
    const report: StepReport = {
      step: this.completed, metrics, routerLog,
      routerSnapshot: routing === 'router' ? router.snapshot() : null,
      rollouts: records, advantages: kept.map((i) => advantages[i]), advantageHistogram,
      skipped: upd.skipped > 0, faults: upd.faults, halted, timing,
    };
    await this.o.onReport?.(report);
    return report;
  }

  private records(plan: PlannedRollout[], gen: { tokens: number[][]; stoppedAtEos: boolean[] }, texts: string[], scores: RolloutReward[], adv: number[],
    trace: TokenTrace[] | undefined, probsOf: ((p: PlannedRollout) => number[] | undefined) | null): RolloutRecord[] {
    return plan.map((p, i) => {
      const s = scores[i];
      const t = trace?.[i];
      const probs = probsOf?.(p);
      return {
        step: this.completed, group: p.group, row: p.example.index, question: p.example.question, topic: p.example.topic,
        regions: p.example.regions, origLang: p.example.language, targetLang: p.targetLang, source: p.source,
        response: texts[i], detectedLang: s.detectedLang,
        ...(s.detectedProb !== undefined ? { detectedProb: s.detectedProb } : {}),
        ...(s.referenceLang !== undefined ? { referenceLang: s.referenceLang } : {}),
        similarity: s.similarity, calibrated: s.calibrated,
        ...(s.raw !== undefined ? { raw: s.raw } : {}),
        ...(s.gate !== undefined ? { gate: s.gate } : {}),
        reward: s.reward, advantage: adv[i], responseLength: gen.tokens[i].length, truncated: !gen.stoppedAtEos[i],
        ...(probs ? { routerProbs: round4(probs) } : {}),
        ...(t ? { tokens: tokenPieces(this.o.tokenizer, gen.tokens[i]), logprobs: round4(t.old), entropies: round4(t.entropy), newLogprobs: round4(t.new) } : {}),
      };
    });
  }

  getState(): TrainerState {
    return {
      version: 1, step: this.completed, rng: this.rng.getState(), batchRng: this.batchRng.getState(),
      batchOrder: { order: [...this.batchOrder.order], cursor: this.batchOrder.cursor },
      consecutiveFaults: this.consecutiveFaults, totalFaults: this.totalFaults,
      router: routingOf(this.config) === 'router' ? this.o.router.getState() : null,
    };
  }

  setState(s: TrainerState): void {
    if (s.version !== 1) throw new Error(`trainer state: unknown version ${String(s.version)}`);
    this.completed = s.step;
    this.rng.setState(s.rng);
    this.batchRng.setState(s.batchRng);
    this.batchOrder = { order: [...s.batchOrder.order], cursor: s.batchOrder.cursor };
    this.consecutiveFaults = s.consecutiveFaults;
    this.totalFaults = s.totalFaults;
    if (s.router) this.o.router.setState(s.router);
  }
}
