// WebGPU SwiGLU vs the CPU reference (swiglu.ts): forward and backward 1e-5 relative to the
// reference's largest magnitude; a length that is not a multiple of the workgroup (1001).
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { swigluBackward, swigluForward } from './swiglu';
import { swigluBackwardGpu, swigluForwardGpu } from './swiglu.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

it.each([[1001], [64]])('swiglu N=%i', async (N) => {
  const rng = new Rng(N);
  const r = () => rng.normal();
  const gate = randArray(N, r, 3), up = randArray(N, r), dout = randArray(N, r);
  const out = new Float32Array(N), dgate = new Float32Array(N), dup = new Float32Array(N);
  swigluForward(out, gate, up, N);
  swigluBackward(dgate, dup, dout, gate, up, N);
  const f = await gpuRun(ctx, { out: new Float32Array(N), gate, up }, (p, b) => swigluForwardGpu(ctx, p, b.out, b.gate, b.up, N), ['out']);
  expect(relErr(f.out, out)).toBeLessThan(1e-5);
  // gradients are written: start from garbage
  const g = await gpuRun(ctx, { dgate: randArray(N, r), dup: randArray(N, r), dout, gate, up }, (p, b) =>
    swigluBackwardGpu(ctx, p, b.dgate, b.dup, b.dout, b.gate, b.up, N), ['dgate', 'dup']);
  expect(relErr(g.dgate, dgate)).toBeLessThan(1e-5);
  expect(relErr(g.dup, dup)).toBeLessThan(1e-5);
});
