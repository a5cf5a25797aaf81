// WebGPU token log-probabilities/entropy vs the CPU reference
// (logprobs.ts), with ignored rows (target -1), V above the workgroup width and a
// row with one dominant logit (underflowing probabilities). Tolerances relative to the reference's
// largest magnitude: forward 1e-5, backward 1e-4 (dlogits are written, not accumulated).
// Row reductions both ways: tree and (where the device has them) subgroups.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { logprobsBackward, logprobsForward } from './logprobs';
import { logprobsBackwardGpu, logprobsForwardGpu } from './logprobs.gpu';
import type { ReductionVariant } from './wgsl-include';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

function inputs(N: number, V: number, seed: number) {
  const rng = new Rng(seed);
  const r = () => rng.normal();
  const logits = randArray(N * V, r, 2);
  logits[V + 3] = 80; // row 1: one dominant logit, most probabilities underflow
  const targets = new Int32Array(N).map(() => rng.int(V));
  targets[2] = -1;
  return { logits, targets, r };
}

const LP_CASES = [[7, 29, 1], [5, 300, 1], [7, 29, 1 / 0.7], [5, 300, 1 / 1.5]];
const lpCases = (['tree', 'subgroups'] as const).flatMap((v) => LP_CASES.map(([N, V, invT]) => [v, N, V, invT] as [ReductionVariant, number, number, number]));

it.each(lpCases)('logprobs (%s reductions) N=%i V=%i invT=%f forward and backward (with and without entropy)', async (variant, N, V, invT) => {
  if (variant === 'subgroups' && !ctx.features.subgroups) return; // not on this device
  const { logits, targets, r } = inputs(N, V, N * V);
  const lp = new Float32Array(N), ent = new Float32Array(N), probs = new Float32Array(N * V);
  logprobsForward(lp, ent, probs, logits, targets, N, V, invT);
  const f = await gpuRun(ctx, { lp: new Float32Array(N), ent: new Float32Array(N), probs: new Float32Array(N * V), logits, targets }, (p, b) =>
    logprobsForwardGpu(ctx, p, b.lp, b.ent, b.probs, b.logits, b.targets, N, V, invT, variant), ['lp', 'ent', 'probs']);
  expect(relErr(f.lp, lp)).toBeLessThan(1e-5);
  expect(relErr(f.ent, ent)).toBeLessThan(1e-5);
  expect(relErr(f.probs, probs)).toBeLessThan(1e-5);
  expect(f.lp[2]).toBe(0);
  expect(f.ent[2]).toBe(0);

  const dlp = randArray(N, r), dent = randArray(N, r);
  for (const withEntropy of [true, false]) {
    const want = new Float32Array(N * V);
    logprobsBackward(want, dlp, withEntropy ? dent : null, probs, targets, N, V, invT);
    const g = await gpuRun(ctx, { dlogits: new Float32Array(N * V).fill(7), dlp, dent, probs, targets }, (p, b) =>
      logprobsBackwardGpu(ctx, p, b.dlogits, b.dlp, withEntropy ? b.dent : null, b.probs, b.targets, N, V, invT, variant), ['dlogits']);
    expect(relErr(g.dlogits, want)).toBeLessThan(1e-4);
  }
});

