// WebGPU RMSNorm vs the CPU reference (rmsnorm.ts): forward 1e-5, backward 1e-4, relative to the
// reference's largest magnitude; odd C (13), C above the workgroup width (130), per-head rows (32);
// the tree-reduction kernels and, where the device has the feature, the subgroup-reduction ones.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { rmsnormBackward, rmsnormForward } from './rmsnorm';
import { rmsnormBackwardGpu, rmsnormForwardGpu, type ReductionVariant } from './rmsnorm.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

const cases: [number, number, ReductionVariant][] = [];
for (const v of ['tree', 'subgroups'] as const) for (const [N, C] of [[7, 13], [3, 130], [24, 32], [2, 1000]]) cases.push([N, C, v]);

it.each(cases)('rmsnorm N=%i C=%i %s', async (N, C, variant) => {
  if (variant === 'subgroups' && !ctx.features.subgroups) return;
  const rng = new Rng(N * 17 + C);
  const r = () => rng.normal();
  const inp = randArray(N * C, r, 2), weight = randArray(C, r);
  const out = new Float32Array(N * C), rstd = new Float32Array(N);
  rmsnormForward(out, rstd, inp, weight, N, C, 1e-6);
  const f = await gpuRun(ctx, { out: new Float32Array(N * C), rstd: new Float32Array(N), inp, weight }, (p, b) =>
    rmsnormForwardGpu(ctx, p, b.out, b.rstd, b.inp, b.weight, N, C, 1e-6, variant), ['out', 'rstd']);
  expect(relErr(f.out, out)).toBeLessThan(1e-5);
  expect(relErr(f.rstd, rstd)).toBeLessThan(1e-5);

  const dout = randArray(N * C, r);
  const dinp0 = randArray(N * C, r), dw0 = randArray(C, r);
  const dinp = dinp0.slice(), dw = dw0.slice();
  rmsnormBackward(dinp, dw, dout, inp, weight, rstd, N, C);
  const g = await gpuRun(ctx, { dinp: dinp0, dw: dw0, dout, inp, weight, rstd }, (p, b) =>
    rmsnormBackwardGpu(ctx, p, b.dinp, b.dw, b.dout, b.inp, b.weight, b.rstd, N, C, variant), ['dinp', 'dw']);
  expect(relErr(g.dinp, dinp)).toBeLessThan(1e-4);
  expect(relErr(g.dw, dw)).toBeLessThan(1e-4);
  // a frozen weight: no weight gradient dispatch, dinp still accumulates
  const g2 = await gpuRun(ctx, { dinp: dinp0, dout, inp, weight, rstd }, (p, b) =>
    rmsnormBackwardGpu(ctx, p, b.dinp, null, b.dout, b.inp, b.weight, b.rstd, N, C, variant), ['dinp']);
  expect(relErr(g2.dinp, dinp)).toBeLessThan(1e-4);
});

it('reports subgroups honestly: the subgroup kernels are refused on a device without the feature', () => {
  if (ctx.features.subgroups) return expect(ctx.device.features.has('subgroups' as GPUFeatureName)).toBe(true);
  expect(() => rmsnormForwardGpu(ctx, {} as GPUComputePassEncoder, ctx.dummy, ctx.dummy, ctx.dummy, ctx.dummy, 1, 4, 1e-6, 'subgroups')).toThrow(/no subgroups feature/);
});
