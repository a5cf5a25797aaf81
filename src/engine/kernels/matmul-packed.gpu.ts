// Dispatch glue for the 16-bit-weight products (matmul_packed.wgsl) and the packed embedding gather
// (embedding_packed.wgsl), one dispatch per row chunk of the weight. CPU reference: widen the weight
// (tensorToF32 in hf/tensors.ts) and multiply (matmul.ts), as the tests do.
import type { Binding, GpuContext } from '../backend/gpu-context';
import gemmSrc from './matmul_packed.wgsl?raw';
import gatherSrc from './embedding_packed.wgsl?raw';
import matvecSrc from './matvec_packed.wgsl?raw';
import gemmSubgroupSrc from './matmul_packed_subgroup.wgsl?raw';
import widen from './widen_16bit.wgsl?raw';
import acc16Zero from './acc16_zero.wgsl?raw';
import acc16Store from './acc16_store.wgsl?raw';
import store8 from './store8_strided.wgsl?raw';
import { resolveIncludes } from './wgsl-include';
import { gemmVariant, subgroupTile, type GemmVariant } from './gemm-variant';

const snippets = { widen, store8, acc16_zero: acc16Zero, acc16_store: acc16Store };
const gemm = resolveIncludes(gemmSrc, snippets);
const gather = resolveIncludes(gatherSrc, snippets);
const matvec = resolveIncludes(matvecSrc, snippets);
const gemmSubgroup = resolveIncludes(gemmSubgroupSrc, snippets);

/** rows up to which x·Wᵀ runs as a matrix-vector product (matvec_packed.wgsl's M_MAX) */
const MATVEC_MAX_ROWS = 4;

/** the tiled kernel's row tile (matmul_packed.wgsl BM): 16 rows (a 16 x 256 tile) up to 32 rows, else 64 x 64 */
export function packedTile(M: number): { BM: number; BN: number } {
  return M <= 32 ? { BM: 16, BN: 256 } : { BM: 64, BN: 64 };
}
import type { PackedMatrix } from './packed-matrix.gpu';

function bytesOf(b: Binding): number {
  return 'buffer' in b ? b.size : b.size;
}

function vec4A(a: Binding, lda: number, aOff: number): boolean {
  const off = 'buffer' in a ? a.offset : 0;
  return lda % 4 === 0 && aOff % 4 === 0 && off % 16 === 0 && bytesOf(a) % 16 === 0;
}

export interface PackedLinearOptions {
  /** f32 bias over all W.rows outputs */
  bias?: Binding | null;
  accumulate?: boolean;
  /** 'auto' (default): the subgroup kernel (matmul_packed_subgroup.wgsl) where the adapter allows it */
  variant?: GemmVariant;
}

/**
 * y[M, W.rows] (+)= x[M, W.cols] · Wᵀ (+ bias): a Hugging Face Linear with 16-bit weight W [out, in].
 * Up to MATVEC_MAX_ROWS rows (decoding) it is a matrix-vector kernel, else the tiled GEMM with a
 * 16- or 64-row tile by M (packedTile), or on an adapter with 4-lane subgroups the subgroup GEMM
 * (its tile also chosen by the shape: gemm-variant.ts).
 */
export function linearPackedGpu(ctx: GpuContext, pass: GPUComputePassEncoder, y: Binding, x: Binding, W: PackedMatrix, M: number, opts: PackedLinearOptions = {}): void {
  const K = W.cols;
  if (M <= MATVEC_MAX_ROWS) {
    for (const ch of W.chunks) {
      const constants = { HALF: W.kind === 'f16' ? 1 : 0, ACCUMULATE: opts.accumulate ? 1 : 0, HAS_BIAS: opts.bias ? 1 : 0 };
      const groups = Math.ceil(ch.rows / 64);
      const grid: [number, number] = groups <= ctx.limits.maxComputeWorkgroupsPerDimension ? [groups, 1] : [Math.ceil(groups / Math.ceil(groups / ctx.limits.maxComputeWorkgroupsPerDimension)), Math.ceil(groups / ctx.limits.maxComputeWorkgroupsPerDimension)];
      ctx.dispatch(pass, matvec, [ctx.params([M, ch.rows, K, K, W.rows, 0, ch.row0]), y, x, ch.buf, opts.bias ?? ctx.dummy], grid, constants);
    }
    return;
  }
  if (gemmVariant(ctx, opts.variant) === 'subgroup') {
    for (const ch of W.chunks) {
      const t = subgroupTile(M, ch.rows);
      const constants = { TRANS_W: 1, HALF: W.kind === 'f16' ? 1 : 0, ACCUMULATE: opts.accumulate ? 1 : 0, HAS_BIAS: opts.bias ? 1 : 0, RB: t.rb };
      ctx.dispatch(pass, gemmSubgroup, [ctx.params([M, ch.rows, K, K, W.rows, 0, ch.row0]), y, x, ch.buf, opts.bias ?? ctx.dummy], [Math.ceil(ch.rows / t.cols), Math.ceil(M / t.rows)], constants);
    }
    return;
  }
  const vecA = vec4A(x, K, 0);
  const t = packedTile(M);
  for (const ch of W.chunks) {
    const constants = { TRANS_W: 1, HALF: W.kind === 'f16' ? 1 : 0, ACCUMULATE: opts.accumulate ? 1 : 0, HAS_BIAS: opts.bias ? 1 : 0, VEC_A: vecA ? 1 : 0, BM: t.BM };
    const bindings = [ctx.params([M, ch.rows, K, K, W.rows, 0, ch.row0]), y, x, ch.buf, opts.bias ?? ctx.dummy, vecA ? x : ctx.dummy];
    ctx.dispatch(pass, gemm, bindings, [Math.ceil(ch.rows / t.BN), Math.ceil(M / t.BM)], constants);
  }
}

/** dx[M, W.cols] (+)= dy[M, W.rows] · W: the input gradient of a frozen 16-bit Linear. */
export function linearPackedBackwardInputGpu(ctx: GpuContext, pass: GPUComputePassEncoder, dx: Binding, dy: Binding, W: PackedMatrix, M: number, accumulate: boolean, variant: GemmVariant = 'auto'): void {
  const N = W.cols;
  if (gemmVariant(ctx, variant) === 'subgroup') {
    const t = subgroupTile(M, N);
    W.chunks.forEach((ch, i) => {
      const constants = { TRANS_W: 0, HALF: W.kind === 'f16' ? 1 : 0, ACCUMULATE: accumulate || i > 0 ? 1 : 0, HAS_BIAS: 0, RB: t.rb };
      ctx.dispatch(pass, gemmSubgroup, [ctx.params([M, N, ch.rows, W.rows, N, ch.row0, 0]), dx, dy, ch.buf, ctx.dummy], [Math.ceil(N / t.cols), Math.ceil(M / t.rows)], constants);
    });
    return;
  }
  const t = packedTile(M);
  W.chunks.forEach((ch, i) => {
    const vecA = vec4A(dy, W.rows, ch.row0);
    const constants = { TRANS_W: 0, HALF: W.kind === 'f16' ? 1 : 0, ACCUMULATE: accumulate || i > 0 ? 1 : 0, HAS_BIAS: 0, VEC_A: vecA ? 1 : 0, BM: t.BM };
    const bindings = [ctx.params([M, N, ch.rows, W.rows, N, ch.row0, 0]), dx, dy, ch.buf, ctx.dummy, vecA ? dy : ctx.dummy];
    ctx.dispatch(pass, gemm, bindings, [Math.ceil(N / t.BN), Math.ceil(M / t.BM)], constants);
  });
}

/** out[N, table.cols] = rows ids[n] of a 16-bit table (ids must be < table.rows: callers check). */
export function embeddingPackedGpu(ctx: GpuContext, pass: GPUComputePassEncoder, out: Binding, ids: Binding, table: PackedMatrix, N: number): void {
  for (const ch of table.chunks) {
    ctx.dispatch(pass, gather, [ctx.params([N, table.cols, ch.row0, ch.rows]), out, ids, ch.buf], ctx.grid1d((N * table.cols) / 2), { HALF: table.kind === 'f16' ? 1 : 0 });
  }
}
