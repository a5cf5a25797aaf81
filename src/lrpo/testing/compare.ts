// For tests that compare two runs' tensors and metrics: the largest absolute difference over the
// largest magnitude, and metric-by-metric equality within a relative and an absolute tolerance.

import { expect } from 'vitest';

/** max |a - b| over max |b|, over every tensor of `a` (or only the one named `only`) */
export function maxRel(a: Map<string, { data: Float32Array }>, b: Map<string, { data: Float32Array }>, only?: string): number {
  let err = 0, scale = 0;
  for (const [k, t] of a) {
    if (only && k !== only) continue;
    const u = b.get(k)!.data;
    t.data.forEach((x, i) => { err = Math.max(err, Math.abs(x - u[i])); scale = Math.max(scale, Math.abs(u[i])); });
  }
  return err / scale;
}

/** the same metric names, each within rel x |want| + abs */
export function expectSameMetrics(got: Record<string, number>, want: Record<string, number>, rel: number, abs: number): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [k, v] of Object.entries(want)) expect(Math.abs(got[k] - v), `${k}: ${got[k]} vs ${v}`).toBeLessThanOrEqual(rel * Math.abs(v) + abs);
}
