// The playground's simulator: the real router (the same module the trainer uses) against a
// simulated world, no model. Per step: beginStep; for each simulated question (a context drawn by
// weight) plan n rollouts — the first orig_lang_min in the context's original language (all of
// them for fixed-language topics such as "Translation"), the rest chosen by the router (or all in
// the original language when dynamic_lang_policy is false, or uniformly when uniform_mix is on);
// draw each reward from the true distribution; observe every rollout; endStep.
// Three independent RNG streams from one seed (questions, rewards, router), so routers compared
// side by side with the same seed see the same sequence of questions.
// Recorded per step: each context's effective distribution for that step, tau, eps, the regret of
// the routed rollouts against always choosing the best language (expected: best mean - chosen
// mean, summed), its running total, and per context the router's top choice and the true best.
// The playground writes no router log (lang_policy_log_every is forced to 0 here).

import { Rng } from '../../engine/rng';
import type { RouterAlgorithm, RouterConfig } from '../config';
import type { BaseRouter } from '../router/base-router';
import { createRouter } from '../router/create-router';
import { bestArm, drawReward, meansAt, type World } from './world';

export interface SimSettings {
  router: RouterConfig;
  /** rollouts per question (GRPO group size) */
  n: number;
  /** simulated questions per training step */
  questionsPerStep: number;
  seed: number;
}

export interface PlannedRollout {
  context: number;
  lang: string;
  /** false for quota / fixed-language rollouts */
  routed: boolean;
  reward: number;
}

export interface StepRecord {
  step: number;
  tau: number;
  eps: number;
  /** effective probabilities, context-major: [c * L + l] */
  effective: Float32Array;
  regret: number;
  cumRegret: number;
  /** per context: arg-max of the effective distribution, and the true best language */
  topChoice: Int16Array;
  best: Int16Array;
}

export class Simulator {
  readonly router: BaseRouter;
  readonly languages: string[];
  private readonly questionRng: Rng;
  private readonly rewardRng: Rng;
  private readonly routerRng: Rng;
  private cumRegret = 0;
  /** routed rollouts per context and language so far, [c * L + l] */
  readonly routedCounts: Float64Array;
  /** the rollouts of the last step (for inspection and tests) */
  lastRollouts: PlannedRollout[] = [];
  private completed = 0;
  private readonly weights: number[];
  private readonly origIndex: number[];
  private readonly langIndex: Map<string, number>;

  constructor(readonly world: World, readonly settings: SimSettings) {
    const cfg: RouterConfig = { ...settings.router, languages: [...world.languages], lang_policy_log_every: 0 };
    this.languages = cfg.languages;
    this.questionRng = new Rng(settings.seed);
    this.rewardRng = new Rng((settings.seed ^ 0x5bd1e995) >>> 0);
    this.routerRng = new Rng((settings.seed ^ 0x27d4eb2f) >>> 0);
    this.router = createRouter(cfg, this.routerRng);
    this.routedCounts = new Float64Array(world.contexts.length * this.languages.length);
    this.weights = world.contexts.map((c) => c.weight);
    this.langIndex = new Map(this.languages.map((l, i) => [l, i]));
    this.origIndex = world.contexts.map((c) => this.langIndex.get(c.origLang) ?? 0);
  }

  get algorithm(): RouterAlgorithm {
    return this.router.config.algorithm;
  }

  get step(): number {
    return this.completed;
  }

  /** writes the distribution routed rollouts of a context draw from at this step */
  private writeEffective(c: number, out: Float32Array, offset: number): void {
    const L = this.languages.length;
    const cfg = this.router.config;
    const ctx = this.world.contexts[c];
    if (!cfg.dynamic_lang_policy || cfg.fixed_lang_topics.includes(ctx.topic)) out[offset + this.origIndex[c]] = 1;
    else if (cfg.uniform_mix) out.fill(1 / L, offset, offset + L);
    else this.router.writeEffective(ctx, out, offset);
  }

  run(steps: number): StepRecord[] {
    const out: StepRecord[] = [];
    for (let i = 0; i < steps; i++) out.push(this.stepOnce());
    return out;
  }

  stepOnce(): StepRecord {
    const { world, settings, router } = this;
    const cfg = router.config;
    const L = this.languages.length;
    const C = world.contexts.length;
    const { tau, eps } = router.beginStep();
    const means = meansAt(world, this.completed);
    const effective = new Float32Array(C * L);
    const topChoice = new Int16Array(C);
    const best = new Int16Array(C);
    for (let c = 0; c < C; c++) {
      this.writeEffective(c, effective, c * L);
      topChoice[c] = bestArm(effective.subarray(c * L, (c + 1) * L));
      best[c] = bestArm(means[c]);
    }
    let regret = 0;
    const rollouts: PlannedRollout[] = [];
    for (let q = 0; q < settings.questionsPerStep; q++) {
      const c = this.questionRng.categorical(this.weights);
      const ctx = world.contexts[c];
      const fixed = !cfg.dynamic_lang_policy || cfg.fixed_lang_topics.includes(ctx.topic);
      const quota = fixed ? settings.n : Math.min(cfg.lang_policy_orig_lang_min, settings.n);
      const bestMean = means[c][best[c]];
      for (let k = 0; k < settings.n; k++) {
        const routed = k >= quota;
        const lang = !routed ? ctx.origLang : cfg.uniform_mix ? this.languages[this.routerRng.int(L)] : router.choose(ctx);
        const li = routed ? this.langIndex.get(lang)! : this.origIndex[c];
        const reward = drawReward(world, means[c][li], world.spreads[c][li], this.rewardRng);
        if (routed) {
          regret += bestMean - means[c][li];
          this.routedCounts[c * L + li]++;
        }
        rollouts.push({ context: c, lang, routed, reward });
        if (cfg.dynamic_lang_policy) router.observe(ctx.topic, ctx.regions.length ? ctx.regions : null, lang, reward);
      }
    }
    if (cfg.dynamic_lang_policy) router.endStep();
    else this.skipRouterStep();
    this.lastRollouts = rollouts;
    this.cumRegret += regret;
    this.completed++;
    return { step: this.completed, tau, eps, effective, regret, cumRegret: this.cumRegret, topChoice, best };
  }

  /** with routing off the router neither learns nor logs, but its schedules still advance */
  private skipRouterStep(): void {
    const r = this.router;
    const saved = r.getState();
    r.setState({ ...saved, step: saved.step + 1, buffer: [] });
  }
}
