// Exponential moving average of chart series (as TensorBoard's smoothing slider): each series is
// smoothed over the points that have it, s_t = w·s_{t−1} + (1 − w)·x_t, started at the first value;
// points without the series stay without it. w = 0 leaves the data as it is.

export function smoothSeries<T extends Record<string, number>>(data: readonly T[], keys: readonly string[], weight: number): T[] {
  if (!(weight > 0)) return data as T[];
  if (weight >= 1) throw new Error(`smoothing weight must be below 1, got ${weight}`);
  const last = new Map<string, number>();
  return data.map((row) => {
    const out: Record<string, number> = { ...row };
    for (const k of keys) {
      const x = row[k];
      if (typeof x !== 'number' || !Number.isFinite(x)) continue;
      const prev = last.get(k);
      const s = prev === undefined ? x : weight * prev + (1 - weight) * x;
      last.set(k, s);
      out[k] = s;
    }
    return out as T;
  });
}
