// 16-bit weights on WebGPU vs the CPU path (the weight widened by hf/tensors.ts, multiplied by
// matmul.ts): the Linear product x·Wᵀ (+ bias), its input gradient dy·W (accumulating), and the
// embedding gather, for bf16 and f16, ragged shapes, and weights split into several buffers by an
// artificially small binding limit (as a 151,936 x 896 embedding is on a real device).
// Tolerance 1e-5 relative to the reference's largest magnitude (same f32 products, other order).
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { f32ToTensor, packU16Pairs, tensorToF32 } from '../hf/tensors';
import { matmulBackwardNT, matmulForwardNT } from './matmul';
import { embeddingPackedGpu, linearPackedBackwardInputGpu, linearPackedGpu } from './matmul-packed.gpu';
import { subgroupGemmAvailable, type GemmVariant } from './gemm-variant';
import { releasePackedMatrix, uploadPackedMatrix, type HalfKind } from './packed-matrix.gpu';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

function halfWeight(rows: number, cols: number, kind: HalfKind, rng: Rng) {
  const t = f32ToTensor(randArray(rows * cols, () => rng.normal()), [rows, cols], kind === 'bf16' ? 'BF16' : 'F16');
  return { words: packU16Pairs(t), f32: tensorToF32(t) };
}

// each case through the tiled GEMM (M <= 32: its 16-row tile, else 64) and, where the adapter has
// 4-lane subgroups, the subgroup GEMM (M = 16 and 40: its 16-row tiles)
const LINEAR_CASES: [HalfKind, number, number, number, number | undefined][] = [
  ['bf16', 37, 70, 50, undefined],
  ['f16', 5, 128, 130, undefined],
  ['bf16', 66, 64, 150, 64 * 2 * 40], // 4 chunks of <= 40 rows
  ['f16', 9, 18, 33, 18 * 2 * 7], // 5 chunks, ragged
  ['bf16', 1, 70, 130, undefined], // decoding: the matrix-vector kernel
  ['f16', 3, 64, 150, 64 * 2 * 40], // matrix-vector kernel over 4 chunks
  ['bf16', 16, 38, 300, undefined], // T = 16 rows, K not a multiple of 4
  ['f16', 40, 20, 67, 20 * 2 * 16], // 5 chunks (16 rows each, ragged last), odd N
];
const variantCases = (['tiled', 'subgroup'] as const).flatMap((v) => LINEAR_CASES.map((c) => [v, ...c] as [GemmVariant, ...typeof c]));

it.each(variantCases)('%s: %s linear M=%i K=%i N=%i limit=%s', async (variant, kind, M, K, N, limit) => {
  if (variant === 'subgroup' && !subgroupGemmAvailable(ctx)) return; // not on this adapter
  const rng = new Rng(M * 13 + K + N);
  const r = () => rng.normal();
  const W = halfWeight(N, K, kind, rng);
  const packed = uploadPackedMatrix(ctx, W.words, N, K, kind, 'W', limit);
  if (limit) expect(packed.chunks.length).toBeGreaterThan(1);
  for (const c of packed.chunks) expect(c.rows * K * 2).toBeLessThanOrEqual(limit ?? Infinity);
  const x = randArray(M * K, r), bias = randArray(N, r);
  const want = new Float32Array(M * N);
  matmulForwardNT(want, x, W.f32, M, K, N);
  for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) want[m * N + n] += bias[n];
  const f = await gpuRun(ctx, { y: randArray(M * N, r), x, bias }, (p, b) => linearPackedGpu(ctx, p, b.y, b.x, packed, M, { bias: b.bias, variant }), ['y']);
  expect(relErr(f.y, want)).toBeLessThan(1e-5);

  const dy = randArray(M * N, r), dx0 = randArray(M * K, r);
  const dx = dx0.slice();
  matmulBackwardNT(dx, new Float32Array(N * K), dy, x, W.f32, M, K, N);
  const g = await gpuRun(ctx, { dx: dx0, dy }, (p, b) => linearPackedBackwardInputGpu(ctx, p, b.dx, b.dy, packed, M, true, variant), ['dx']);
  expect(relErr(g.dx, dx)).toBeLessThan(1e-5);
  // written, not accumulated, when asked (every chunk after the first still adds its share)
  const dxW = new Float32Array(M * K);
  matmulBackwardNT(dxW, new Float32Array(N * K), dy, x, W.f32, M, K, N);
  const g2 = await gpuRun(ctx, { dx: randArray(M * K, r), dy }, (p, b) => linearPackedBackwardInputGpu(ctx, p, b.dx, b.dy, packed, M, false, variant), ['dx']);
  expect(relErr(g2.dx, dxW)).toBeLessThan(1e-5);
  releasePackedMatrix(ctx, packed);
});

it.each([['bf16', undefined], ['f16', 12 * 2 * 50]] as [HalfKind, number | undefined][])('%s embedding gather, limit %s', async (kind, limit) => {
  const V = 301, C = 12, N = 40;
  const rng = new Rng(V + (limit ?? 0));
  const T = halfWeight(V, C, kind, rng);
  const table = uploadPackedMatrix(ctx, T.words, V, C, kind, 'wte', limit);
  if (limit) expect(table.chunks.length).toBe(7);
  const ids = new Int32Array(N).map((_, i) => (i < 3 ? [0, V - 1, 150][i] : rng.int(V)));
  const want = new Float32Array(N * C);
  for (let n = 0; n < N; n++) want.set(T.f32.subarray(ids[n] * C, (ids[n] + 1) * C), n * C);
  const f = await gpuRun(ctx, { out: new Float32Array(N * C), ids }, (p, b) => embeddingPackedGpu(ctx, p, b.out, b.ids, table, N), ['out']);
  expect(Array.from(f.out)).toEqual(Array.from(want)); // widening is exact
  releasePackedMatrix(ctx, table);
});

it('refuses an odd packed dimension and a word count that does not match the shape', () => {
  expect(() => uploadPackedMatrix(ctx, new Uint32Array(6), 4, 3, 'bf16', 'q_proj')).toThrow(/q_proj: .*3 columns must be even/);
  expect(() => uploadPackedMatrix(ctx, new Uint32Array(5), 4, 4, 'bf16', 'q_proj')).toThrow(/needs 8 packed words, got 5/);
});
