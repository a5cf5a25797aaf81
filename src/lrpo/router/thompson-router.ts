// Thompson-sampling router (ours), on the statistics of stats-router.ts (raw rewards, the
// reference's buffered cadence). Each language's mean reward in a context has a Gaussian posterior
// from the prior N(0, thompson_prior_std²) and n observations of noise std thompson_noise_std
// with reward sum s:   v = 1 / (1/p² + n/σ²),   m = v · s/σ².
// Choice: with probability eps a uniform language (the same eps schedule), otherwise one draw from
// each language's posterior and the arg-max. tau, alpha and group_norm are not used.
// Reported "softmax" = P(l is the arg-max of the posterior draws), computed deterministically by
// quadrature (gaussian-argmax.ts); "effective" mixes in eps as for the reference router.

import type { Rng } from '../../engine/rng';
import { gaussianArgmaxProbs } from './gaussian-argmax';
import { StatsRouter } from './stats-router';
import type { RouterContext } from './types';

export class ThompsonRouter extends StatsRouter {
  /** arg-max probabilities only change when the statistics do */
  private argmaxCache = new Map<string, Float64Array>();
  /** context posteriors, valid until the statistics change */
  private posteriorCache = new Map<string, { mean: Float64Array; std: Float64Array }>();
  /** one standard normal per arm for a posterior draw (reused) */
  private readonly noise = new Float64Array(this.L);

  posterior(count: ArrayLike<number>, sum: ArrayLike<number>): { mean: Float64Array; std: Float64Array } {
    const p2 = this.config.thompson_prior_std ** 2;
    const s2 = this.config.thompson_noise_std ** 2;
    const mean = new Float64Array(this.L), std = new Float64Array(this.L);
    for (let i = 0; i < this.L; i++) {
      const v = 1 / (1 / p2 + count[i] / s2);
      mean[i] = (v * sum[i]) / s2;
      std[i] = Math.sqrt(v);
    }
    return { mean, std };
  }

  private cached(key: string, stats: () => { count: ArrayLike<number>; sum: ArrayLike<number> }): Float64Array {
    let p = this.argmaxCache.get(key);
    if (!p) {
      const { count, sum } = stats();
      const { mean, std } = this.posterior(count, sum);
      p = gaussianArgmaxProbs(mean, std).probs;
      this.argmaxCache.set(key, p);
    }
    return p; // shared with the cache: callers never write into policies
  }

  protected policyFor(ctx: RouterContext): Float64Array {
    return this.cached('c\u0000' + this.contextKey(ctx), () => this.contextStats(ctx));
  }

  protected rowPolicy(kind: 'topic' | 'region', name: string): Float64Array {
    return this.cached(`${kind}\u0000${name}`, () => this.rowStats(kind, name));
  }

  protected sampleGreedy(ctx: RouterContext, rng: Rng): number {
    const key = this.contextKey(ctx);
    let post = this.posteriorCache.get(key);
    if (!post) {
      const { count, sum } = this.contextStats(ctx);
      post = this.posterior(count, sum);
      this.posteriorCache.set(key, post);
    }
    const { mean, std } = post;
    const z = rng.normals(this.noise);
    let best = 0;
    let bestDraw = -Infinity;
    for (let i = 0; i < this.L; i++) {
      const draw = mean[i] + std[i] * z[i];
      if (draw > bestDraw) {
        bestDraw = draw;
        best = i;
      }
    }
    return best;
  }

  protected statsChanged(): void {
    this.argmaxCache.clear();
    this.posteriorCache.clear();
  }

  protected estimate(count: number, sum: number): number {
    const p2 = this.config.thompson_prior_std ** 2;
    const s2 = this.config.thompson_noise_std ** 2;
    return ((1 / (1 / p2 + count / s2)) * sum) / s2;
  }
}
