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

const BELOW = [179, 88, 6]; // orange-brown: less than the centre (e.g. below uniform)
const MIDDLE = [247, 247, 247]; // near white: the centre
const ABOVE = [8, 48, 107]; // deep blue: more than the centre

/**
 * Signed position of v on a scale diverging around `center`: −1 at 0, 0 at the centre, +1 at `max`
 * (each side linear, clamped). For a router's probabilities the centre is uniform, 1/L.
 */
export function divergingPosition(v: number, center: number, max: number): number {
  if (v < center) return center > 0 ? -Math.min(1, (center - v) / center) : 0;
  return max > center ? Math.min(1, (v - center) / (max - center)) : 0;
}

export function divergingColor(v: number, center: number, max: number): string {
  const t = divergingPosition(v, center, max);
  const to = t < 0 ? BELOW : ABOVE;
  const a = Math.abs(t);
  const c = MIDDLE.map((m, i) => Math.round(m + (to[i] - m) * a));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function divergingTextColor(v: number, center: number, max: number): string {
  return Math.abs(divergingPosition(v, center, max)) > 0.55 ? '#fff' : '#1d1d27';
}
