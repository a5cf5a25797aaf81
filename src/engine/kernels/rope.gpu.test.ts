// WebGPU RoPE vs the CPU reference (rope.ts), forward and backward, in place, 1e-5 relative to the
// reference's largest magnitude; positions out of order (as in a batch of decoding rows), llama3
// scaling and an odd number of heads.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { ropeBackward, ropeForward, ropeInvFreq, ropeTable, type RopeScaling } from './rope';
import { ropeBackwardGpu, ropeForwardGpu } from './rope.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

const llama3: RopeScaling = { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositionEmbeddings: 32 };
it.each([[5, 3, 16, 1e6, { type: 'default' } as RopeScaling], [9, 2, 32, 5e5, llama3], [4, 1, 6, 1e4, { type: 'default' } as RopeScaling]])(
  'rope N=%i nH=%i D=%i theta=%d', async (N, nH, D, theta, scaling) => {
    const rng = new Rng(N * 7 + D);
    const r = () => rng.normal();
    const maxPos = 40;
    const pos = new Int32Array(N).map(() => rng.int(maxPos));
    const inv = ropeInvFreq(D, theta, scaling);
    const full = ropeTable(inv, Array.from({ length: maxPos }, (_, i) => i));
    const perTok = ropeTable(inv, pos);
    const x = randArray(N * nH * D, r);
    const want = new Float32Array(x.length);
    ropeForward(want, x, perTok.cos, perTok.sin, N, nH, D);
    const f = await gpuRun(ctx, { x, cos: full.cos, sin: full.sin, pos }, (p, b) => ropeForwardGpu(ctx, p, b.x, b.cos, b.sin, b.pos, N, nH, D), ['x']);
    expect(relErr(f.x, want)).toBeLessThan(1e-5);
    const dwant = new Float32Array(x.length);
    ropeBackward(dwant, x, perTok.cos, perTok.sin, N, nH, D);
    const g = await gpuRun(ctx, { x, cos: full.cos, sin: full.sin, pos }, (p, b) => ropeBackwardGpu(ctx, p, b.x, b.cos, b.sin, b.pos, N, nH, D), ['x']);
    expect(relErr(g.x, dwant)).toBeLessThan(1e-5);
  });
