// Both GEMM kernels (matmul_tiled.wgsl and, where the adapter has 4-lane subgroups, matmul_subgroup.wgsl)
// vs a plain triple loop, for every operand layout (transposed A and/or B), with bias and accumulation,
// on ragged shapes (none a tile multiple; a single row; 16 rows; few columns, as a LoRA rank) so every
// row-band choice of the subgroup kernel runs. Tolerance 1e-5 relative to the largest magnitude.
import { beforeAll, expect, it } from 'vitest';
import { Rng } from '../rng';
import { gpuRun, randArray, relErr, sharedTestContext } from '../backend/gpu-test-helpers';
import type { GpuContext } from '../backend/gpu-context';
import { gemmGpu } from './matmul.gpu';
import { subgroupGemmAvailable, subgroupTile } from './gemm-variant';

let ctx: GpuContext;
beforeAll(async () => { ctx = await sharedTestContext(); });

/** c (+)= op(a) · op(b) (+ bias), op as matmul_tiled.wgsl: a [M, K] or [K, M], b [K, N] or [N, K] */
function reference(c: Float32Array, a: Float32Array, b: Float32Array, bias: Float32Array | null, M: number, N: number, K: number, tA: boolean, tB: boolean, acc: boolean): void {
  for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += (tA ? a[k * M + m] : a[m * K + k]) * (tB ? b[n * K + k] : b[k * N + n]);
    if (bias) s += bias[n];
    c[m * N + n] = acc ? c[m * N + n] + s : s;
  }
}

// [M, N, K]: rows 1, 7, 16, 33, 70, 130 (row bands 1 to 8), columns 5..600 (a rank-8-like 8 too)
const SHAPES: [number, number, number][] = [[7, 13, 29], [1, 9, 3], [16, 200, 40], [70, 8, 130], [33, 130, 17], [130, 70, 66], [16, 600, 24]];
const cases: [string, number, number, number][] = [];
for (const v of ['tiled', 'subgroup']) for (const [M, N, K] of SHAPES) cases.push([v, M, N, K]);

it('the subgroup kernel tiles by the shape: 16 rows get a 16-row tile, a narrow product a narrow one', () => {
  expect(subgroupTile(16, 896)).toEqual({ rb: 1, rows: 16, cols: 512 });
  expect(subgroupTile(1024, 1024)).toEqual({ rb: 4, rows: 64, cols: 128 });
  expect(subgroupTile(1024, 8)).toEqual({ rb: 16, rows: 256, cols: 32 });
  expect(subgroupTile(40, 4864).rows).toBe(16 * 1); // 48 rows padded: 16-row bands waste 8 rows
});

it.each(cases)('%s GEMM M=%i N=%i K=%i, all layouts, bias, accumulate', async (variant, M, N, K) => {
  if (variant === 'subgroup' && !subgroupGemmAvailable(ctx)) return; // not on this adapter
  const rng = new Rng(M * 1009 + N * 31 + K);
  const r = () => rng.normal();
  for (const tA of [false, true]) for (const tB of [false, true]) for (const [acc, withBias] of [[false, true], [true, false]]) {
    const a = randArray(M * K, r), b = randArray(K * N, r), bias = randArray(N, r), c0 = randArray(M * N, r);
    const want = c0.slice();
    reference(want, a, b, withBias ? bias : null, M, N, K, tA, tB, acc);
    const got = await gpuRun(ctx, { c: c0, a, b, bias }, (p, x) =>
      gemmGpu(ctx, p, x.c, x.a, x.b, { M, N, K, transA: tA, transB: tB, accumulate: acc, bias: withBias ? x.bias : null, variant: variant as 'tiled' | 'subgroup' }), ['c']);
    expect(relErr(got.c, want), `transA ${tA} transB ${tB} accumulate ${acc} bias ${withBias}`).toBeLessThan(1e-5);
  }
});
