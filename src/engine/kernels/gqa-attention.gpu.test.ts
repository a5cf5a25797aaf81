// WebGPU grouped-query attention vs the CPU reference (gqa-attention.ts): forward 1e-5, backward
// 1e-4, relative to the reference's largest magnitude; GQA, MQA and MHA with odd T and head_dim;
// the KV-cache path (write every token, then attend each through the cache) against the prefill.
// The softmax row reductions run both ways: tree and (where the device has them) subgroups.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { gqaBackward, gqaForward, gqaShape } from './gqa-attention';
import { gqaBackwardGpu, gqaDecodeGpu, gqaForwardGpu, gqaKvWriteGpu } from './gqa-attention.gpu';
import type { ReductionVariant } from './wgsl-include';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

const GQA_CASES = [[2, 7, 4, 2, 16], [1, 9, 3, 1, 5], [2, 5, 2, 2, 32], [1, 70, 2, 1, 8]];
const gqaCases = (['tree', 'subgroups'] as const).flatMap((v) => GQA_CASES.map(([B, T, nHead, nKv, D]) => [v, B, T, nHead, nKv, D] as [ReductionVariant, number, number, number, number, number]));

it.each(gqaCases)('gqa (%s reductions) B=%i T=%i nHead=%i nKv=%i D=%i', async (variant, B, T, nHead, nKv, D) => {
  if (variant === 'subgroups' && !ctx.features.subgroups) return; // not on this device
  const rng = new Rng(B * 1000 + T * 10 + D);
  const r = () => rng.normal();
  const s = gqaShape(B, T, nHead, nKv, D);
  const q = randArray(B * T * nHead * D, r), k = randArray(B * T * nKv * D, r), v = randArray(B * T * nKv * D, r);
  const A = B * nHead * T * T;
  const out = new Float32Array(q.length), att = new Float32Array(A);
  gqaForward(out, att, q, k, v, s);
  const f = await gpuRun(ctx, { out: new Float32Array(q.length), att: new Float32Array(A), q, k, v }, (p, b) =>
    gqaForwardGpu(ctx, p, b.out, b.att, b.q, b.k, b.v, s, variant), ['out', 'att']);
  expect(relErr(f.out, out)).toBeLessThan(1e-5);
  expect(relErr(f.att, att)).toBeLessThan(1e-5);

  const dout = randArray(q.length, r);
  const dq0 = randArray(q.length, r), dk0 = randArray(k.length, r), dv0 = randArray(v.length, r);
  const dq = dq0.slice(), dk = dk0.slice(), dv = dv0.slice();
  gqaBackward(dq, dk, dv, dout, q, k, v, att, s);
  const g = await gpuRun(ctx, { dq: dq0, dk: dk0, dv: dv0, datt: randArray(A, r), dout, q, k, v, att }, (p, b) =>
    gqaBackwardGpu(ctx, p, b.dq, b.dk, b.dv, b.datt, b.dout, b.q, b.k, b.v, b.att, s, variant), ['dq', 'dk', 'dv']);
  expect(relErr(g.dq, dq)).toBeLessThan(1e-4);
  expect(relErr(g.dk, dk)).toBeLessThan(1e-4);
  expect(relErr(g.dv, dv)).toBeLessThan(1e-4);

  const maxT = T + 3, N = B * T;
  const rowOf = new Int32Array(N).map((_, n) => Math.floor(n / T));
  const pos = new Int32Array(N).map((_, n) => n % T);
  const cache = B * maxT * nKv * D;
  const d = await gpuRun(ctx, { y: new Float32Array(q.length), sc: new Float32Array(N * nHead * maxT), kc: new Float32Array(cache), vc: new Float32Array(cache), q, k, v, rowOf, pos }, (p, b) => {
    gqaKvWriteGpu(ctx, p, b.kc, b.vc, b.k, b.v, b.rowOf, b.pos, N, nKv, D, maxT);
    gqaDecodeGpu(ctx, p, b.y, b.sc, b.q, b.kc, b.vc, b.rowOf, b.pos, N, nHead, nKv, D, maxT, s.scale, variant);
  }, ['y']);
  expect(relErr(d.y, out)).toBeLessThan(1e-5);
});
