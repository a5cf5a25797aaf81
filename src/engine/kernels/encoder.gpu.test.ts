// WebGPU embedding kernels vs the CPU reference (encoder.ts). The backward sums rows in the same
// order as the CPU, so results match to float rounding of the accumulation: tolerance 1e-6 forward,
// 1e-5 backward, relative to the reference's largest magnitude.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { encoderBackward, encoderForward } from './encoder';
import { encoderBackwardGpu, encoderForwardGpu, encoderPositionsGpu } from './encoder.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

it.each([[3, 5, 13, 11], [2, 8, 16, 7]])('encoder B=%i T=%i C=%i V=%i forward, positions, backward', async (B, T, C, V) => {
  const rng = new Rng(B + T + C);
  const r = () => rng.normal();
  const maxT = T + 3;
  const inp = new Int32Array(B * T).map(() => rng.int(V));
  inp[0] = inp[1] = 2; // repeated tokens exercise the accumulation
  const wte = randArray(V * C, r), wpe = randArray(maxT * C, r);
  const want = new Float32Array(B * T * C);
  encoderForward(want, inp, wte, wpe, B, T, C);
  const pos = new Int32Array(B * T).map((_, n) => n % T);
  const f = await gpuRun(ctx, { out: new Float32Array(B * T * C), out2: new Float32Array(B * T * C), inp, pos, wte, wpe }, (p, b) => {
    encoderForwardGpu(ctx, p, b.out, b.inp, b.wte, b.wpe, B, T, C);
    encoderPositionsGpu(ctx, p, b.out2, b.inp, b.pos, b.wte, b.wpe, B * T, C);
  }, ['out', 'out2']);
  expect(relErr(f.out, want)).toBeLessThan(1e-6);
  expect(relErr(f.out2, want)).toBeLessThan(1e-6);

  const dout = randArray(B * T * C, r);
  const dwte0 = randArray(V * C, r), dwpe0 = randArray(maxT * C, r);
  const dwte = dwte0.slice(), dwpe = dwpe0.slice();
  encoderBackward(dwte, dwpe, dout, inp, B, T, C);
  const g = await gpuRun(ctx, { dwte: dwte0, dwpe: dwpe0, dout, inp }, (p, b) => encoderBackwardGpu(ctx, p, b.dwte, b.dwpe, b.dout, b.inp, B, T, C), ['dwte', 'dwpe']);
  expect(relErr(g.dwte, dwte)).toBeLessThan(1e-5);
  expect(relErr(g.dwpe, dwpe)).toBeLessThan(1e-5);
});
