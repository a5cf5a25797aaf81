// Bounded histories for live charts: keep at most `cap` entries (dropping the oldest), and thin a
// long series to at most `maxPoints` for drawing (always keeping the first and the latest point),
// so recharts stays fast however long a run goes.

export function appendBounded<T>(list: readonly T[], items: readonly T[], cap: number): T[] {
  const out = list.concat(items);
  return out.length > cap ? out.slice(out.length - cap) : out;
}

export function decimate<T>(list: readonly T[], maxPoints: number): T[] {
  if (list.length <= maxPoints) return list.slice();
  const stride = Math.ceil((list.length - 1) / (maxPoints - 1));
  const out: T[] = [];
  for (let i = 0; i < list.length - 1; i += stride) out.push(list[i]);
  out.push(list[list.length - 1]);
  return out;
}
