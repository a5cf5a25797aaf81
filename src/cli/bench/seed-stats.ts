// Mean and 95% confidence interval over seeds: mean ± t(0.975, n − 1) · s / √n, with s the sample
// standard deviation (n − 1) and Student's t quantile (a table for n ≤ 31; 1.96 beyond).

const T975 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export interface Interval {
  n: number;
  mean: number;
  /** half width of the 95% interval (NaN for one seed) */
  half: number;
}

export function meanInterval(xs: readonly number[]): Interval {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, half: NaN };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const t = T975[n - 1] ?? 1.96;
  return { n, mean, half: (t * sd) / Math.sqrt(n) };
}

/** "12.3 ± 4.5" in percent (or "12.3" for one seed). */
export function formatInterval(i: Interval, scale = 100, digits = 1): string {
  const m = (i.mean * scale).toFixed(digits);
  return Number.isFinite(i.half) ? `${m} ± ${(i.half * scale).toFixed(digits)}` : m;
}
