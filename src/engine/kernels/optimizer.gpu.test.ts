// WebGPU AdamW, global gradient norm and scaling vs the CPU references (adamw.ts, gradnorm.ts).
// AdamW: 3 consecutive steps, params/m/v within 1e-5 relative to the largest magnitude (f32 on the
// GPU vs f64 intermediates on the CPU). Norm: 1e-5 relative. Non-finite entries are counted.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { adamwUpdate } from './adamw';
import { gradNormSquared, scaleInPlace } from './gradnorm';
import { AdamWGpu } from './adamw.gpu';
import { GradNormGpu, ScaleGpu } from './gradnorm.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

it.each([13, 1000])('adamw N=%i, 3 steps', async (N) => {
  const rng = new Rng(N);
  const r = () => rng.normal();
  const h = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 };
  const p0 = randArray(N, r), m0 = new Float32Array(N), v0 = new Float32Array(N);
  const grads = [randArray(N, r), randArray(N, r, 1e-3), randArray(N, r, 10)];
  const p = p0.slice(), m = m0.slice(), v = v0.slice();
  const adam = new AdamWGpu(ctx);
  const bufs = { p: ctx.upload(p0), m: ctx.upload(m0), v: ctx.upload(v0), g: ctx.storage(N * 4) };
  for (let t = 1; t <= 3; t++) {
    adamwUpdate(p, grads[t - 1], m, v, N, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, t);
    ctx.write(bufs.g, grads[t - 1]);
    const enc = ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    adam.record(pass, bufs.p, bufs.m, bufs.v, bufs.g, N, h, t);
    pass.end();
    ctx.device.queue.submit([enc.finish()]);
  }
  expect(relErr(await ctx.readF32(bufs.p, 0, N), p)).toBeLessThan(1e-5);
  expect(relErr(await ctx.readF32(bufs.m, 0, N), m)).toBeLessThan(1e-5);
  expect(relErr(await ctx.readF32(bufs.v, 0, N), v)).toBeLessThan(1e-5);
  adam.destroy();
});

it('global gradient norm over several buffers, non-finite detection, scaling', async () => {
  const rng = new Rng(5);
  const r = () => rng.normal();
  const gs = [randArray(7, r), randArray(70000, r), randArray(257, r, 100)];
  const norm = new GradNormGpu(ctx, 3);
  const bufs = gs.map((g) => ctx.upload(g));
  const run = async () => {
    const enc = ctx.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    norm.record(pass, bufs.map((buf, i) => ({ buf, N: gs[i].length })));
    pass.end();
    return norm.read(enc);
  };
  const res = await run();
  expect(Math.abs(res.sumSquares - gradNormSquared(gs)) / gradNormSquared(gs)).toBeLessThan(1e-5);
  expect(res.nonFinite).toBe(0);

  ctx.write(bufs[1], new Float32Array([NaN, Infinity]), 4 * 500);
  const bad = await run();
  expect(bad.nonFinite).toBe(2);

  const s = 0.37;
  const want = gs[2].slice();
  scaleInPlace(want, want.length, s);
  const scale = new ScaleGpu(ctx);
  const got = await gpuRun(ctx, { g: gs[2] }, (p, b) => scale.record(p, b.g, gs[2].length, s), ['g']);
  expect(relErr(got.g, want)).toBeLessThan(1e-7);
});
