// Test helpers for the kernel tests: seeded random buffers and a central finite-difference check.
// (Test support only; imported by *.test.ts files.)
import { Rng } from '../rng';

export function randn(n: number, rng: Rng, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
}

export function randInts(n: number, max: number, rng: Rng): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.int(max);
  return a;
}

/** Σ w_i x_i in float64: a random linear functional turns any output into a scalar loss. */
export function dot64(x: Float32Array, w: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * w[i];
  return s;
}

export interface FdReport {
  maxAbsErr: number;
  maxRelErr: number;
  worst: number;
}

/**
 * Compares `analytic` (d loss / d x) with central differences (loss(x + h) - loss(x - h)) / 2h for
 * every element of x (or `maxChecks` evenly spaced ones). The error of element i counts relative to
 * max(|analytic_i|, floor).
 */
export function finiteDiffCheck(
  x: Float32Array, loss: () => number, analytic: Float32Array, h = 1e-2, floor = 1e-2, maxChecks = 400,
): FdReport {
  let maxAbsErr = 0;
  let maxRelErr = 0;
  let worst = -1;
  const stride = Math.max(1, Math.floor(x.length / maxChecks));
  for (let i = 0; i < x.length; i += stride) {
    const orig = x[i];
    x[i] = orig + h;
    const xUp = x[i];
    const up = loss();
    x[i] = orig - h;
    const xDown = x[i];
    const down = loss();
    x[i] = orig;
    const numeric = (up - down) / (xUp - xDown); // the float32-rounded step actually taken
    const err = Math.abs(numeric - analytic[i]);
    const rel = err / Math.max(Math.abs(analytic[i]), floor);
    if (err > maxAbsErr) maxAbsErr = err;
    if (rel > maxRelErr) {
      maxRelErr = rel;
      worst = i;
    }
  }
  return { maxAbsErr, maxRelErr, worst };
}
