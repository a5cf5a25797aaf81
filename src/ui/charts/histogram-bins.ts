// Equal-width bins over the finite values of a sample (for the advantage histogram).

export interface Bin {
  lo: number;
  hi: number;
  count: number;
  label: string;
}

export function histogramBins(values: readonly number[], nBins: number): Bin[] {
  const xs = values.filter(Number.isFinite);
  if (!xs.length) return [];
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const w = (hi - lo) / nBins;
  const bins: Bin[] = Array.from({ length: nBins }, (_, i) => ({
    lo: lo + i * w,
    hi: lo + (i + 1) * w,
    count: 0,
    label: (lo + (i + 0.5) * w).toFixed(2),
  }));
  for (const x of xs) bins[Math.min(nBins - 1, Math.floor((x - lo) / w))].count++;
  return bins;
}
