// The heatmap's colour scale: white (0) to deep blue (max), legible when projected.

export function heatColor(v: number, max: number): string {
  const t = max > 0 ? Math.min(1, Math.max(0, v / max)) : 0;
  const from = [247, 251, 255];
  const to = [8, 48, 107];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Dark text on light cells, light text on dark cells. */
export function heatTextColor(v: number, max: number): string {
  return max > 0 && v / max > 0.55 ? '#fff' : '#1d1d27';
}
