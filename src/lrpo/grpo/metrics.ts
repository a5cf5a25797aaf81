// Step metrics under verl's names (critic/score/*, critic/advantages/*, response_length/*, ...)
// plus what verl and TRL users ask for and do not get: per-language training reward, per-group
// reward spread, the fraction of groups whose rewards are all equal (they carry no GRPO signal),
// and a fixed-range advantage histogram.

import { histogram, type GroupStats, type Histogram } from './advantages';

export interface RolloutOutcome {
  targetLang: string;
  detectedLang: string | null;
  reward: number;
  advantage: number;
  promptLength: number;
  responseLength: number;
  /** response ended because it hit max_response_length (no eos) */
  truncated: boolean;
  /** prompt was cut to max_prompt_length */
  promptTruncated: boolean;
}

/** std below this counts as a zero-std group */
export const ZERO_STD = 1e-8;
export const ADV_HIST_RANGE: readonly [number, number, number] = [-3, 3, 24];

function stats(prefix: string, xs: readonly number[], out: Record<string, number>): void {
  if (!xs.length) return;
  let s = 0, mx = -Infinity, mn = Infinity;
  for (const x of xs) {
    s += x;
    if (x > mx) mx = x;
    if (x < mn) mn = x;
  }
  out[`${prefix}/mean`] = s / xs.length;
  out[`${prefix}/max`] = mx;
  out[`${prefix}/min`] = mn;
}

/** std over the whole batch (population, n in the denominator): how spread the step's rewards are */
function populationStd(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
}

export function rolloutMetrics(rows: readonly RolloutOutcome[], groups: readonly GroupStats[]): { metrics: Record<string, number>; advantageHistogram: Histogram } {
  const m: Record<string, number> = {};
  const rewards = rows.map((r) => r.reward);
  const adv = rows.map((r) => r.advantage);
  stats('critic/score', rewards, m);
  if (rewards.length) m['critic/score/std'] = populationStd(rewards);
  stats('critic/rewards', rewards, m);
  stats('critic/advantages', adv, m);
  stats('critic/returns', adv, m);
  stats('response_length', rows.map((r) => r.responseLength), m);
  stats('prompt_length', rows.map((r) => r.promptLength), m);
  if (rows.length) {
    m['response_length/clip_ratio'] = rows.filter((r) => r.truncated).length / rows.length;
    m['prompt_length/clip_ratio'] = rows.filter((r) => r.promptTruncated).length / rows.length;
    m['train_lang_match/mean'] = rows.filter((r) => r.detectedLang === r.targetLang).length / rows.length;
  }
  const byLang = new Map<string, number[]>();
  for (const r of rows) {
    if (!byLang.has(r.targetLang)) byLang.set(r.targetLang, []);
    byLang.get(r.targetLang)!.push(r.reward);
  }
  for (const [lang, rs] of [...byLang].sort(([a], [b]) => a.localeCompare(b))) {
    m[`train_reward/lang/${lang}`] = rs.reduce((a, b) => a + b, 0) / rs.length;
    m[`train_count/lang/${lang}`] = rs.length;
  }
  const multi = groups.filter((g) => g.size > 1);
  if (multi.length) {
    const stds = multi.map((g) => g.std);
    stats('grpo/group_reward_std', stds, m);
    m['grpo/zero_std_group_frac'] = stds.filter((s) => s < ZERO_STD).length / stds.length;
  }
  const [lo, hi, bins] = ADV_HIST_RANGE;
  const advantageHistogram = histogram(adv, lo, hi, bins);
  return { metrics: m, advantageHistogram };
}
