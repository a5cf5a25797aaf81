// The LRPO Trainer: one training step as data (design.md) — schedules, plan, generate, reward,
// advantages, update, route, report. The same class runs in the browser worker and the CLI; it
// knows nothing of React, the DOM or files. Callers persist getState() with the model weights
// (run-state.ts) and post or write each StepReport.

import type { Example } from '../data/example';
import type { Model } from '../engine/model-api';
import { Rng, type RngState } from '../engine/rng';
import { nextBatch, type BatchOrderState } from './batch-order';
import type { RunConfig } from './config';
import { groupAdvantages, type Histogram } from './grpo/advantages';
import { rolloutMetrics } from './grpo/metrics';
import { packSequences } from './grpo/sequences';
import { grpoUpdate, type UpdateRow } from './grpo/update';
import { planBatch, type PlannedRollout, type RolloutSource } from './planner';
import type { Router, RouterLogLine, RouterSnapshot, RouterState } from './router/types';
import type { SftTokenizer } from './sft';

/** What the trainer needs from a reward: the rewards module's breakdown (extra fields are kept). */
export interface RolloutReward {
  detectedLang: string | null;
  similarity: number;
  calibrated: number;
  reward: number;
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
  similarity: number;
  calibrated: number;
  reward: number;
  advantage: number;
  responseLength: number;
  truncated: boolean;
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
    this.rng = new Rng(opts.config.seed);
    this.batchRng = new Rng((opts.config.seed ^ 0x9e3779b9) >>> 0);
    if (opts.config.actor.use_kl_loss && !opts.reference) throw new Error('Trainer: actor.use_kl_loss needs a reference model');
    if (!opts.train.length) throw new Error('Trainer: no training examples');
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
      topK: c.actor.rollout_top_k || undefined, topP: c.actor.rollout_top_p, seed: this.rng.nextU32(), eosId: tok.eosId,
    });
    timing['timing_s/gen'] = (now() - t) / 1000;
    // 4 reward
    t = now();
    const texts = gen.tokens.map((ids) => tok.decode(ids.filter((x) => x !== tok.eosId), { skipSpecials: true }));
    const scores = await this.o.score(plan.map((p, i) => ({ response: texts[i], targetLang: p.targetLang, example: p.example })));
    timing['timing_s/reward'] = (now() - t) / 1000;
    // 5 advantages
    t = now();
    const rewards = scores.map((s) => s.reward);
    const { advantages, groups } = groupAdvantages(rewards, plan.map((p) => p.group), c.actor.norm_adv_by_std_in_grpo);
    timing['timing_s/adv'] = (now() - t) / 1000;
    // 6 update
    t = now();
    const rows: UpdateRow[] = plan.map((p, i) => ({ prompt: p.prompt, response: gen.tokens[i], responseLogprobs: gen.logprobs[i], group: p.group, advantage: advantages[i] }));
    const reference = this.o.reference;
    const upd = await grpoUpdate(model, rows, {
      actor: c.actor,
      padId: tok.padId,
      refLogprobs: reference ? async (mb) => (await reference.forwardLogprobs(packSequences(mb, tok.padId).batch)).logprobs : undefined,
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
      plan.forEach((p, i) => router.observe(p.example.topic, p.example.regions, p.targetLang, rewards[i]));
      routerLog = router.endStep();
    }
    // 8 report
    this.completed++;
    this.totalFaults += upd.skipped;
    this.consecutiveFaults = upd.skipped > 0 ? this.consecutiveFaults + 1 : 0;
    const halted = this.consecutiveFaults >= c.trainer.max_consecutive_faults
      ? `stopped after ${this.consecutiveFaults} consecutive steps with non-finite loss or gradient (trainer.max_consecutive_faults = ${c.trainer.max_consecutive_faults}): ${upd.faults.join('; ')}`
      : null;
    const records = this.records(plan, gen, texts, scores, advantages);
    const { metrics, advantageHistogram } = rolloutMetrics(
      records.map((r, i) => ({ ...r, promptLength: plan[i].prompt.length, promptTruncated: plan[i].promptTruncated })),
      groups,
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
      rollouts: records, advantages, advantageHistogram,
      skipped: upd.skipped > 0, faults: upd.faults, halted, timing,
    };
    await this.o.onReport?.(report);
    return report;
  }

  private records(plan: PlannedRollout[], gen: { tokens: number[][]; stoppedAtEos: boolean[] }, texts: string[], scores: RolloutReward[], adv: number[]): RolloutRecord[] {
    return plan.map((p, i) => ({
      step: this.completed, group: p.group, row: p.example.index, question: p.example.question, topic: p.example.topic,
      regions: p.example.regions, origLang: p.example.language, targetLang: p.targetLang, source: p.source,
      response: texts[i], detectedLang: scores[i].detectedLang, similarity: scores[i].similarity, calibrated: scores[i].calibrated,
      reward: scores[i].reward, advantage: adv[i], responseLength: gen.tokens[i].length, truncated: !gen.stoppedAtEos[i],
    }));
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
