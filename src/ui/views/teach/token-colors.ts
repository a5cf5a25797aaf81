// Colours of a rollout's tokens in the inspector, one scale per quantity, legible when projected:
// log-probability (white = certain, 0; red = unlikely, <= -6), entropy (white = 0 nats; purple =
// >= 3 nats) and the ratio pi_new / pi_old (diverging around 1 on a log scale: green = more likely
// after the update, red = less; full colour at the clip bound).

export type TokenMode = 'logprob' | 'entropy' | 'ratio';

const mix = (from: number[], to: number[], t: number) => {
  const u = Math.min(1, Math.max(0, t));
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * u));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
};
const WHITE = [255, 255, 255];

export function tokenColor(mode: TokenMode, v: number, clip = 0.2): string {
  if (!Number.isFinite(v)) return '#ddd';
  if (mode === 'logprob') return mix(WHITE, [214, 39, 40], -v / 6);
  if (mode === 'entropy') return mix(WHITE, [118, 42, 131], v / 3);
  const t = Math.log(v) / Math.log(1 + clip);
  return t >= 0 ? mix(WHITE, [26, 152, 80], t) : mix(WHITE, [215, 48, 39], -t);
}
