// GRPO outcome advantages over each question's (mixed-language) group, as verl's
// compute_grpo_outcome_advantage: A = (r - mean_g) / (std_g + eps) with the unbiased std of the
// group, or A = r - mean_g when norm_adv_by_std_in_grpo is off. A group of one has mean 0, std 1
// (verl's convention), so its advantage is its reward.

export const GRPO_EPS = 1e-6;

export interface GroupStats {
  /** group id (e.g. the question's index in the batch) */
  id: number;
  size: number;
  mean: number;
  /** unbiased (n - 1) standard deviation; 0 for a group of one */
  std: number;
}

export interface AdvantageResult {
  /** one advantage per rollout, in input order */
  advantages: number[];
  groups: GroupStats[];
}

export function groupAdvantages(rewards: readonly number[], groupIds: readonly number[], normByStd: boolean): AdvantageResult {
  if (rewards.length !== groupIds.length) {
    throw new Error(`groupAdvantages: ${rewards.length} rewards but ${groupIds.length} group ids`);
  }
  const members = new Map<number, number[]>();
  rewards.forEach((r, i) => {
    if (!Number.isFinite(r)) throw new Error(`groupAdvantages: reward ${i} is not finite (${r})`);
    const g = groupIds[i];
    if (!members.has(g)) members.set(g, []);
    members.get(g)!.push(i);
  });
  const advantages = new Array<number>(rewards.length).fill(0);
  const groups: GroupStats[] = [];
  for (const [id, idx] of members) {
    const n = idx.length;
    let mean = 0;
    let std = 0;
    let scale = 1;
    if (n > 1) {
      for (const i of idx) mean += rewards[i];
      mean /= n;
      let ss = 0;
      for (const i of idx) ss += (rewards[i] - mean) ** 2;
      std = Math.sqrt(ss / (n - 1));
      scale = std;
    }
    // verl: a group of one gets mean 0 and std 1
    const denom = normByStd ? scale + GRPO_EPS : 1;
    for (const i of idx) advantages[i] = (rewards[i] - mean) / denom;
    groups.push({ id, size: n, mean: n > 1 ? mean : rewards[idx[0]], std });
  }
  return { advantages, groups };
}

export interface Histogram {
  /** bin edges, length bins + 1 */
  edges: number[];
  counts: number[];
}

/** Fixed-range histogram (values outside [lo, hi] go to the end bins), so histograms of steps compare. */
export function histogram(values: readonly number[], lo: number, hi: number, bins: number): Histogram {
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let b = Math.floor(((v - lo) / (hi - lo)) * bins);
    if (b < 0) b = 0;
    if (b >= bins) b = bins - 1;
    counts[b]++;
  }
  return { edges, counts };
}
