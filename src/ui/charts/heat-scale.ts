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

/**
 * Diverging scale centred on `centre` (the router heatmap: uniform 1/L): white at the centre, deep
 * blue at `max` (more likely than uniform), deep orange at 0 (less likely), so learning shows.
 */
export function divergingHeatColor(v: number, centre: number, max: number): string {
  const white = [247, 247, 247];
  const up = [8, 48, 107];
  const down = [179, 88, 6];
  const t = v >= centre ? (max > centre ? Math.min(1, (v - centre) / (max - centre)) : 0) : centre > 0 ? Math.min(1, (centre - v) / centre) : 0;
  const to = v >= centre ? up : down;
  const c = white.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
