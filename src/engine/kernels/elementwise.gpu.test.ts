// WebGPU GELU and residual kernels vs the CPU references (gelu.ts, residual.ts), including large
// |x| where tanh saturates. Tolerances relative to the reference's largest magnitude: GELU forward
// 1e-5 and backward 1e-5 (elementwise, different tanh implementations); residual exact to 1e-7.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { geluBackward, geluForward } from './gelu';
import { residualBackward, residualForward } from './residual';
import { geluBackwardGpu, geluForwardGpu } from './gelu.gpu';
import { residualBackwardGpu, residualForwardGpu } from './residual.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

it.each([7, 1000, 257])('gelu N=%i', async (N) => {
  const rng = new Rng(N);
  const r = () => rng.normal();
  const inp = randArray(N, r, 3);
  inp[0] = 12; inp[1] = -12; inp[2] = 0;
  const out = new Float32Array(N);
  geluForward(out, inp, N);
  const dout = randArray(N, r), dinp0 = randArray(N, r);
  const dinp = dinp0.slice();
  geluBackward(dinp, inp, dout, N);
  const g = await gpuRun(ctx, { out: new Float32Array(N), inp, dout, dinp: dinp0 }, (p, b) => {
    geluForwardGpu(ctx, p, b.out, b.inp, N);
    geluBackwardGpu(ctx, p, b.dinp, b.inp, b.dout, N);
  }, ['out', 'dinp']);
  expect(relErr(g.out, out)).toBeLessThan(1e-5);
  expect(relErr(g.dinp, dinp)).toBeLessThan(1e-5);
});

it.each([13, 600])('residual N=%i', async (N) => {
  const rng = new Rng(N + 1);
  const r = () => rng.normal();
  const a = randArray(N, r), b = randArray(N, r), dout = randArray(N, r), da0 = randArray(N, r), db0 = randArray(N, r);
  const out = new Float32Array(N), da = da0.slice(), db = db0.slice();
  residualForward(out, a, b, N);
  residualBackward(da, db, dout, N);
  const g = await gpuRun(ctx, { out: new Float32Array(N), a, b, dout, da: da0, db: db0 }, (p, x) => {
    residualForwardGpu(ctx, p, x.out, x.a, x.b, N);
    residualBackwardGpu(ctx, p, x.da, x.db, x.dout, N);
  }, ['out', 'da', 'db']);
  expect(relErr(g.out, out)).toBeLessThan(1e-7);
  expect(relErr(g.da, da)).toBeLessThan(1e-7);
  expect(relErr(g.db, db)).toBeLessThan(1e-7);
});

it('zero fill clears exactly N entries', async () => {
  const { zeroFillGpu } = await import('./zero-fill.gpu');
  const got = await gpuRun(ctx, { b: new Float32Array(300).fill(2) }, (p, x) => zeroFillGpu(ctx, p, x.b, 299), ['b']);
  expect(Array.from(got.b.slice(0, 299)).every((v) => v === 0)).toBe(true);
  expect(got.b[299]).toBe(2);
});
