// WebGPU matmul kernels vs the CPU reference (matmul.ts) on random inputs, odd shapes and a
// tile-multiple shape, through both the vec4 and the scalar load paths (matmul_tiled.wgsl). Tolerances, relative to the reference's largest magnitude: forward 1e-5,
// backward 1e-4 (float32 sums in a different order).
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { matmulBackward, matmulBackwardNT, matmulForward, matmulForwardNT } from './matmul';
import { matmulBackwardGpu, matmulBackwardNTGpu, matmulForwardGpu, matmulForwardNTGpu } from './matmul.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

// [N, C, OC]: ragged (scalar loads everywhere); a tile multiple; C = 5 ragged with N, OC ragged; and
// shapes >= 64 that are not tile multiples with every contiguous dimension a multiple of 4 (vec4 loads
// for every product, forward K = 68 or 36 not a multiple of 16) or with K = 37 (forward A and the
// transposed-B backward stay scalar while the other operands go vec4)
const SHAPES: [number, number, number][] = [[7, 13, 29], [64, 64, 64], [70, 5, 130], [100, 68, 132], [72, 36, 100], [66, 37, 76], [130, 37, 65]];

describe.each(SHAPES)('matmul N=%i C=%i OC=%i', (N, C, OC) => {
  const rng = new Rng(N * 1000 + C * 10 + OC);
  const r = () => rng.normal();
  const inp = randArray(N * C, r);
  const weight = randArray(C * OC, r);
  const bias = randArray(OC, r);
  const dout = randArray(N * OC, r);

  it('forward with and without bias', async () => {
    for (const withBias of [true, false]) {
      const want = new Float32Array(N * OC);
      matmulForward(want, inp, weight, withBias ? bias : null, N, C, OC);
      const got = await gpuRun(ctx, { out: new Float32Array(N * OC), inp, weight, bias }, (p, b) =>
        matmulForwardGpu(ctx, p, b.out, b.inp, b.weight, withBias ? b.bias : null, N, C, OC), ['out']);
      expect(relErr(got.out, want)).toBeLessThan(1e-5);
    }
  });

  it('backward accumulates into dinp, dweight, dbias', async () => {
    const dinp0 = randArray(N * C, r), dweight0 = randArray(C * OC, r), dbias0 = randArray(OC, r);
    const dinp = dinp0.slice(), dweight = dweight0.slice(), dbias = dbias0.slice();
    matmulBackward(dinp, dweight, dbias, dout, inp, weight, N, C, OC);
    const got = await gpuRun(ctx, { dinp: dinp0, dweight: dweight0, dbias: dbias0, dout, inp, weight }, (p, b) =>
      matmulBackwardGpu(ctx, p, b.dinp, b.dweight, b.dbias, b.dout, b.inp, b.weight, N, C, OC), ['dinp', 'dweight', 'dbias']);
    expect(relErr(got.dinp, dinp)).toBeLessThan(1e-4);
    expect(relErr(got.dweight, dweight)).toBeLessThan(1e-4);
    expect(relErr(got.dbias, dbias)).toBeLessThan(1e-4);
  });

  it('NT forward and backward (tied LM head)', async () => {
    const V = OC;
    const wT = randArray(V * C, r);
    const want = new Float32Array(N * V);
    matmulForwardNT(want, inp, wT, N, C, V);
    const f = await gpuRun(ctx, { out: new Float32Array(N * V), inp, wT }, (p, b) => matmulForwardNTGpu(ctx, p, b.out, b.inp, b.wT, N, C, V), ['out']);
    expect(relErr(f.out, want)).toBeLessThan(1e-5);
    const dinp0 = randArray(N * C, r), dw0 = randArray(V * C, r);
    const dinp = dinp0.slice(), dw = dw0.slice();
    matmulBackwardNT(dinp, dw, dout, inp, wT, N, C, V);
    const g = await gpuRun(ctx, { dinp: dinp0, dw: dw0, dout, inp, wT }, (p, b) => matmulBackwardNTGpu(ctx, p, b.dinp, b.dw, b.dout, b.inp, b.wT, N, C, V), ['dinp', 'dw']);
    expect(relErr(g.dinp, dinp)).toBeLessThan(1e-4);
    expect(relErr(g.dw, dw)).toBeLessThan(1e-4);
  });
});
