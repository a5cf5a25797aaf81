// UCB router (ours), on the statistics of stats-router.ts (raw rewards, the reference's buffered
// cadence). Score of language l in a context with counts n_l and reward sums s_l, T = sum_l n_l:
//   n_l = 0: +infinity (every language is tried once first)
//   else:    s_l / n_l + c * sqrt(ln(T) / n_l)             (UCB1, c = ucb_c)
// Choice: with probability eps a uniform language (the same eps schedule), otherwise the arg-max
// score, ties split uniformly. tau is not used. Between two updates the scores do not change, so a
// whole batch goes to the same arg-max (batched UCB; eps and ties add the spread). The "softmax"
// distribution UCB reports is the one its rule induces: 1/k on each of the k tied arg-max
// languages, 0 elsewhere; "effective" mixes in eps as for the reference router.

import type { Rng } from '../../engine/rng';
import { StatsRouter } from './stats-router';
import type { RouterContext } from './types';

export class UcbRouter extends StatsRouter {
  scores(ctx: RouterContext): Float64Array {
    const { count, sum } = this.contextStats(ctx);
    return ucbScores(sum, count, this.config.ucb_c);
  }

  protected policyFor(ctx: RouterContext): Float64Array {
    return argmaxDistribution(this.scores(ctx));
  }

  protected rowPolicy(kind: 'topic' | 'region', name: string): Float64Array {
    const { count, sum } = this.rowStats(kind, name);
    return argmaxDistribution(ucbScores(sum, count, this.config.ucb_c));
  }

  protected sampleGreedy(ctx: RouterContext, rng: Rng): number {
    const p = this.policy(ctx);
    const tied: number[] = [];
    for (let i = 0; i < p.length; i++) if (p[i] > 0) tied.push(i);
    return tied.length === 1 ? tied[0] : tied[rng.int(tied.length)];
  }

  protected estimate(count: number, sum: number): number {
    return count > 0 ? sum / count : 0;
  }
}

export function ucbScores(sums: ArrayLike<number>, counts: ArrayLike<number>, c: number): Float64Array {
  let T = 0;
  for (let i = 0; i < counts.length; i++) T += counts[i];
  const logT = Math.log(Math.max(T, 1));
  const out = new Float64Array(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = counts[i] > 0 ? sums[i] / counts[i] + c * Math.sqrt(logT / counts[i]) : Infinity;
  return out;
}

/** 1/k on each of the k maxima (within 1e-12), 0 elsewhere. */
export function argmaxDistribution(scores: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
  const out = new Float64Array(scores.length);
  const tied = (v: number) => v === max || v >= max - 1e-12;
  let k = 0;
  for (let i = 0; i < scores.length; i++) if (tied(scores[i])) k++;
  for (let i = 0; i < scores.length; i++) if (tied(scores[i])) out[i] = 1 / k;
  return out;
}
