// WebGPU causal attention vs the CPU reference (attention.ts): forward 1e-5, backward 1e-4, relative
// to the reference's largest magnitude; plus the KV-cache decoding kernels against the full forward
// (every position of every row attended through the cache must equal the causal forward's output).
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { attentionBackward, attentionForward } from './attention';
import { attentionBackwardGpu, attentionDecodeGpu, attentionForwardGpu, kvcacheWriteGpu } from './attention.gpu';
import type { ReductionVariant } from './wgsl-include';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

const cases = (['tree', 'subgroups'] as const).flatMap((v) => [[2, 5, 12, 3], [1, 7, 8, 2], [2, 4, 16, 4]].map(([B, T, C, NH]) => [v, B, T, C, NH] as [ReductionVariant, number, number, number, number]));

// the softmax's row reductions both ways: tree and (where the device has them) subgroups
it.each(cases)('attention (%s reductions) B=%i T=%i C=%i NH=%i', async (variant, B, T, C, NH) => {
  if (variant === 'subgroups' && !ctx.features.subgroups) return; // not on this device
  const rng = new Rng(B * 100 + T * 10 + C);
  const r = () => rng.normal();
  const qkv = randArray(B * T * 3 * C, r);
  const A = B * NH * T * T;
  const out = new Float32Array(B * T * C), preatt = new Float32Array(A), att = new Float32Array(A);
  attentionForward(out, preatt, att, qkv, B, T, C, NH);
  const f = await gpuRun(ctx, { out: new Float32Array(B * T * C), preatt: new Float32Array(A), att: new Float32Array(A), qkv }, (p, b) =>
    attentionForwardGpu(ctx, p, b.out, b.preatt, b.att, b.qkv, B, T, C, NH, variant), ['out', 'preatt', 'att']);
  expect(relErr(f.out, out)).toBeLessThan(1e-5);
  expect(relErr(f.preatt, preatt)).toBeLessThan(1e-5);
  expect(relErr(f.att, att)).toBeLessThan(1e-5);

  const dout = randArray(B * T * C, r);
  const dqkv0 = randArray(B * T * 3 * C, r);
  const dqkv = dqkv0.slice(), dpreatt = new Float32Array(A), datt = new Float32Array(A);
  attentionBackward(dqkv, dpreatt, datt, dout, qkv, att, B, T, C, NH);
  const g = await gpuRun(ctx, { dqkv: dqkv0, dpreatt: new Float32Array(A), datt: new Float32Array(A), dout, qkv, att }, (p, b) =>
    attentionBackwardGpu(ctx, p, b.dqkv, b.dpreatt, b.datt, b.dout, b.qkv, b.att, B, T, C, NH), ['dqkv', 'dpreatt', 'datt']);
  expect(relErr(g.dqkv, dqkv)).toBeLessThan(1e-4);
  expect(relErr(g.datt, datt)).toBeLessThan(1e-4);
  expect(relErr(g.dpreatt, dpreatt)).toBeLessThan(1e-4);

  // KV cache: write all B*T tokens into a cache with room for maxT positions, then attend each token
  const maxT = T + 2;
  const rowOf = new Int32Array(B * T).map((_, n) => Math.floor(n / T));
  const pos = new Int32Array(B * T).map((_, n) => n % T);
  const cache = B * maxT * C;
  const d = await gpuRun(ctx, { y: new Float32Array(B * T * C), k: new Float32Array(cache), v: new Float32Array(cache), qkv, rowOf, pos }, (p, b) => {
    kvcacheWriteGpu(ctx, p, b.k, b.v, b.qkv, b.rowOf, b.pos, B * T, C, maxT);
    attentionDecodeGpu(ctx, p, b.y, b.qkv, b.k, b.v, b.rowOf, b.pos, B * T, C, NH, maxT, variant);
  }, ['y']);
  expect(relErr(d.y, out)).toBeLessThan(1e-5);
});
