// Step metrics under verl's names and on verl's bases: critic/score/* and critic/rewards/* per
// response; critic/advantages/* and critic/returns/* over response tokens (each rollout's advantage
// counts once per response token; mean = token-weighted, max/min over rollouts with tokens);
// response_length/* per response with clip_ratio = share of responses whose length equals
// max_response_length; the reference's train_reward/lang/<code> and train_resp_len/lang/<code>.
// Our own additions are under `studio/` (STUDIO_PREFIX), so nobody reads them as verl's: batch
// reward std, per-group reward spread, the fraction of groups whose rewards are all equal (no GRPO
// signal), per-language rollout counts and language-match rate; plus a fixed-range advantage histogram.

import { histogram, type GroupStats, type Histogram } from './advantages';

export interface RolloutOutcome {
  targetLang: string;
  detectedLang: string | null;
  reward: number;
  advantage: number;
  promptLength: number;
  responseLength: number;
  /** response ended without eos (max_response_length or the block size) */
  truncated: boolean;
  /** prompt was cut to max_prompt_length */
  promptTruncated: boolean;
}

/** std below this counts as a zero-std group */
const ZERO_STD = 1e-8;
const ADV_HIST_RANGE: readonly [number, number, number] = [-3, 3, 24];
/** the prefix of metrics that are ours, not verl's or the reference's */
const STUDIO_PREFIX = 'studio/';

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

/** mean / max / min of per-rollout values counted once per response token (verl's masked statistics) */
function tokenStats(prefix: string, values: readonly number[], lengths: readonly number[], out: Record<string, number>): void {
  let s = 0, n = 0, mx = -Infinity, mn = Infinity;
  values.forEach((v, i) => {
    const len = lengths[i];
    if (len <= 0) return;
    s += v * len;
    n += len;
    if (v > mx) mx = v;
    if (v < mn) mn = v;
  });
  if (!n) return;
  out[`${prefix}/mean`] = s / n;
  out[`${prefix}/max`] = mx;
  out[`${prefix}/min`] = mn;
}

export function rolloutMetrics(rows: readonly RolloutOutcome[], groups: readonly GroupStats[], maxResponseLength: number): { metrics: Record<string, number>; advantageHistogram: Histogram } {
  const m: Record<string, number> = {};
  const rewards = rows.map((r) => r.reward);
  const adv = rows.map((r) => r.advantage);
  const lengths = rows.map((r) => r.responseLength);
  stats('critic/score', rewards, m);
  stats('critic/rewards', rewards, m);
  tokenStats('critic/advantages', adv, lengths, m);
  tokenStats('critic/returns', adv, lengths, m);
  stats('response_length', lengths, m);
  stats('prompt_length', rows.map((r) => r.promptLength), m);
  if (rows.length) {
    m['response_length/clip_ratio'] = rows.filter((r) => r.responseLength >= maxResponseLength).length / rows.length;
    m['prompt_length/clip_ratio'] = rows.filter((r) => r.promptTruncated).length / rows.length;
    m[`${STUDIO_PREFIX}score/std`] = populationStd(rewards);
    m[`${STUDIO_PREFIX}lang_match/mean`] = rows.filter((r) => r.detectedLang === r.targetLang).length / rows.length;
  }
  const byLang = new Map<string, RolloutOutcome[]>();
  for (const r of rows) {
    if (!byLang.has(r.targetLang)) byLang.set(r.targetLang, []);
    byLang.get(r.targetLang)!.push(r);
  }
  for (const [lang, rs] of [...byLang].sort(([a], [b]) => a.localeCompare(b))) {
    m[`train_reward/lang/${lang}`] = rs.reduce((a, r) => a + r.reward, 0) / rs.length;
    m[`train_resp_len/lang/${lang}`] = rs.reduce((a, r) => a + r.responseLength, 0) / rs.length;
    m[`${STUDIO_PREFIX}train_count/lang/${lang}`] = rs.length;
  }
  const multi = groups.filter((g) => g.size > 1);
  if (multi.length) {
    const stds = multi.map((g) => g.std);
    stats(`${STUDIO_PREFIX}group_reward_std`, stds, m);
    m[`${STUDIO_PREFIX}zero_std_group_frac`] = stds.filter((s) => s < ZERO_STD).length / stds.length;
  }
  const [lo, hi, bins] = ADV_HIST_RANGE;
  const advantageHistogram = histogram(adv, lo, hi, bins);
  return { metrics: m, advantageHistogram };
}

/**
 * Names our metrics.jsonl used before our own metrics moved under `studio/`: a file written then is
 * read with today's names (the metrics.jsonl replay). The bases did not change for these.
 */
export function currentMetricName(name: string): string {
  if (name === 'critic/score/std') return `${STUDIO_PREFIX}score/std`;
  if (name === 'train_lang_match/mean') return `${STUDIO_PREFIX}lang_match/mean`;
  if (name.startsWith('grpo/group_reward_std/') || name === 'grpo/zero_std_group_frac') return STUDIO_PREFIX + name.slice('grpo/'.length);
  if (name.startsWith('train_count/lang/')) return STUDIO_PREFIX + name;
  return name;
}
