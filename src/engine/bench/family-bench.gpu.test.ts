// The family benchmark's mechanics on a tiny shape (not its speed): every figure is finite and
// positive, one training step's dispatches are replayed into a per-kernel table when the device has
// timestamp queries, random weights are reproducible, and every buffer is freed afterwards.
import { beforeAll, expect, it } from 'vitest';
import { sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { benchFamily, familyTable } from './family-bench';
import { FAMILY_SHAPES } from './family-shapes';
import { randomBf16Weights } from './random-weights';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

it('measures a tiny random model and frees it', async () => {
  const before = ctx.storageBytes;
  const r = await benchFamily(ctx, 'tiny', FAMILY_SHAPES.tiny, { B: 1, T: 8, promptTokens: 4, decodeTokens: 2, trainSteps: 1, profile: true }, [], 10);
  expect(ctx.storageBytes).toBe(before);
  for (const x of [r.prefillTokensPerSec, r.decodeTokensPerSec, r.trainTokensPerSec, r.gflops.prefill, r.gflops.train]) {
    expect(Number.isFinite(x) && x > 0).toBe(true);
  }
  expect(r.gpuBytes.afterTraining).toBeGreaterThan(r.gpuBytes.weights);
  if (ctx.features.timestampQuery) {
    expect(r.kernels).not.toBeNull();
    const names = r.kernels!.map((k) => k.kernel);
    expect(names.some((n) => /RMSNorm/i.test(n))).toBe(true);
    expect(names.some((n) => /GEMM/i.test(n))).toBe(true);
    expect(r.kernels!.reduce((s, k) => s + k.share, 0)).toBeCloseTo(1, 5);
  }
  const text = familyTable([r], 10).join('\n');
  expect(text).toContain('tiny');
});

it('random weights are seeded, norm weights 1, in the config\'s every tensor', () => {
  const a = randomBf16Weights(FAMILY_SHAPES.tiny, 3), b = randomBf16Weights(FAMILY_SHAPES.tiny, 3), c = randomBf16Weights(FAMILY_SHAPES.tiny, 4);
  const q = 'model.layers.0.self_attn.q_proj.weight';
  expect(a.get(q)!.data).toEqual(b.get(q)!.data);
  expect(a.get(q)!.data).not.toEqual(c.get(q)!.data);
  expect(Array.from(a.get('model.norm.weight')!.data as Uint16Array).every((x) => x === 0x3f80)).toBe(true);
  expect(a.has('model.layers.1.self_attn.k_proj.bias')).toBe(true);
});
