// Which training-health charts the Train view draws and from which metric names (verl's, and ours
// under `studio/`). Pure data, so the charts stay dumb and the list is easy to extend.

import type { Series } from '../../charts/MetricLineChart';
import { langColor } from '../../charts/lang-colors';

export interface ChartSpec {
  id: string;
  title: string;
  series: Series[];
}

const s = (key: string, label: string, color: string): Series => ({ key, label, color });

export const HEALTH_CHARTS: readonly ChartSpec[] = [
  { id: 'reward', title: 'Reward (batch mean, min, max)', series: [s('critic/score/mean', 'mean', '#3056d3'), s('critic/score/min', 'min', '#9aa6d8'), s('critic/score/max', 'max', '#1d2f7a')] },
  { id: 'reward-std', title: 'Reward std (batch, and within a group: mean over groups)', series: [s('studio/score/std', 'batch std', '#3056d3'), s('studio/group_reward_std/mean', 'group std (mean)', '#7570b3')] },
  { id: 'kl', title: 'KL to the reference policy', series: [s('actor/kl_loss', 'kl_loss', '#d95f02'), s('actor/ppo_kl', 'ppo_kl (to old policy)', '#e6ab02')] },
  { id: 'entropy', title: 'Entropy', series: [s('actor/entropy', 'entropy', '#1b9e77')] },
  { id: 'grad', title: 'Gradient norm (before clipping)', series: [s('actor/grad_norm', 'grad_norm', '#e7298a')] },
  { id: 'length', title: 'Response length (tokens)', series: [s('response_length/mean', 'mean', '#66a61e'), s('response_length/max', 'max', '#a6d96a')] },
  { id: 'clip', title: 'Clip fraction', series: [s('actor/pg_clipfrac', 'pg_clipfrac', '#a6761d'), s('actor/pg_clipfrac_lower', 'lower (dual clip)', '#d9b38c')] },
  { id: 'zero-std', title: 'Fraction of zero-std groups (no GRPO signal)', series: [s('studio/zero_std_group_frac', 'zero-std groups', '#666')] },
  { id: 'throughput', title: 'Tokens per second', series: [s('perf/throughput', 'tokens/s', '#377eb8')] },
  { id: 'flops', title: 'Achieved FLOP/s (estimate)', series: [s('perf/flops_per_s_estimate', 'FLOP/s', '#984ea3')] },
  { id: 'faults', title: 'Skipped updates (non-finite loss or gradient), cumulative', series: [s('faults/nonfinite', 'skipped', '#b42318')] },
];

const LANG_REWARD = 'train_reward/lang/';

/** The languages that have a train_reward/lang/<code> value somewhere in the history, sorted. */
export function rewardLanguages(history: readonly Record<string, number>[]): string[] {
  const langs = new Set<string>();
  for (const p of history) for (const k of Object.keys(p)) if (k.startsWith(LANG_REWARD)) langs.add(k.slice(LANG_REWARD.length));
  return [...langs].sort();
}

/** One series per language, in the language's colour. */
export function perLanguageRewardSeries(langs: readonly string[]): Series[] {
  return langs.map((l) => ({ key: `${LANG_REWARD}${l}`, label: l, color: langColor(l) }));
}

/** The warm-start SFT's chart (sft.steps > 0): loss per SFT step. */
export const SFT_CHART: ChartSpec = { id: 'sft-loss', title: 'Warm-start SFT: loss per step', series: [s('sft/loss', 'loss', '#3056d3')] };

const VAL_CORE = 'val-core/';

/** One series per val-core/<data_source>/... metric in the history (validation every trainer.test_freq steps). */
export function validationSeries(history: readonly Record<string, number>[]): Series[] {
  const keys = new Set<string>();
  for (const p of history) for (const k of Object.keys(p)) if (k.startsWith(VAL_CORE)) keys.add(k);
  const colors = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a'];
  return [...keys].sort().map((k, i) => s(k, k.slice(VAL_CORE.length), colors[i % colors.length]));
}
