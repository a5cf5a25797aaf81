// WebGPU LayerNorm vs the CPU reference (layernorm.ts): forward 1e-5, backward 1e-4, relative to the
// reference's largest magnitude; odd C (13), C above the workgroup width (130) and a multiple (64);
// row reductions both ways: tree and (where the device has them) subgroups.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { layernormBackward, layernormForward } from './layernorm';
import { layernormBackwardGpu, layernormForwardGpu } from './layernorm.gpu';
import type { ReductionVariant } from './wgsl-include';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

const cases = (['tree', 'subgroups'] as const).flatMap((v) => [[7, 13], [3, 130], [4, 64]].map(([N, C]) => [v, N, C] as [ReductionVariant, number, number]));

it.each(cases)('layernorm (%s reductions) N=%i C=%i', async (variant, N, C) => {
  if (variant === 'subgroups' && !ctx.features.subgroups) return; // not on this device
  const rng = new Rng(N * 31 + C);
  const r = () => rng.normal();
  const inp = randArray(N * C, r, 2).map((x) => x + 0.5);
  const weight = randArray(C, r), bias = randArray(C, r);
  const out = new Float32Array(N * C), mean = new Float32Array(N), rstd = new Float32Array(N);
  layernormForward(out, mean, rstd, inp, weight, bias, N, C, 1e-5);
  const f = await gpuRun(ctx, { out: new Float32Array(N * C), mean: new Float32Array(N), rstd: new Float32Array(N), inp, weight, bias }, (p, b) =>
    layernormForwardGpu(ctx, p, b.out, b.mean, b.rstd, b.inp, b.weight, b.bias, N, C, 1e-5, variant), ['out', 'mean', 'rstd']);
  expect(relErr(f.out, out)).toBeLessThan(1e-5);
  expect(relErr(f.mean, mean)).toBeLessThan(1e-5);
  expect(relErr(f.rstd, rstd)).toBeLessThan(1e-5);

  const dout = randArray(N * C, r);
  const dinp0 = randArray(N * C, r), dw0 = randArray(C, r), db0 = randArray(C, r);
  const dinp = dinp0.slice(), dw = dw0.slice(), db = db0.slice();
  layernormBackward(dinp, dw, db, dout, inp, weight, mean, rstd, N, C);
  const g = await gpuRun(ctx, { dinp: dinp0, dw: dw0, db: db0, dout, inp, weight, mean, rstd }, (p, b) =>
    layernormBackwardGpu(ctx, p, b.dinp, b.dw, b.db, b.dout, b.inp, b.weight, b.mean, b.rstd, N, C, variant), ['dinp', 'dw', 'db']);
  expect(relErr(g.dinp, dinp)).toBeLessThan(1e-4);
  expect(relErr(g.dw, dw)).toBeLessThan(1e-4);
  expect(relErr(g.db, db)).toBeLessThan(1e-4);
});
