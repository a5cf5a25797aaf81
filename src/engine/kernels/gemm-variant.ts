// Which GEMM kernel runs on this adapter, and the subgroup kernel's workgroup tile for a shape.
// The subgroup kernels (matmul_subgroup.wgsl, matmul_packed_subgroup.wgsl) assume 4-lane subgroups,
// so they run only where the adapter reports a subgroup size of exactly 4 (a CPU's SIMD width:
// SwiftShader); every GPU (subgroups of 8 to 128) keeps the tiled kernels.
import type { GpuContext } from '../backend/gpu-context';

export type GemmVariant = 'auto' | 'tiled' | 'subgroup';

/** the adapter can run the subgroup GEMM kernels */
export function subgroupGemmAvailable(ctx: GpuContext): boolean {
  return ctx.features.subgroups && ctx.features.subgroupSize === 4;
}

let preferred: GemmVariant = 'auto';

/**
 * What 'auto' (every model's products) means from now on in this context: the benchmark sets 'tiled'
 * to time the models with the tiled kernels on an adapter that would pick the subgroup ones.
 */
export function preferGemmVariant(v: GemmVariant): void {
  preferred = v;
}

/** 'auto' resolved for this adapter; asking for 'subgroup' where it cannot run is an error */
export function gemmVariant(ctx: GpuContext, v: GemmVariant = 'auto'): 'tiled' | 'subgroup' {
  if (v === 'auto') v = preferred;
  if (v === 'subgroup' && !subgroupGemmAvailable(ctx)) throw new Error('the subgroup GEMM needs 4-lane subgroups, which this adapter does not have');
  if (v === 'auto') return subgroupGemmAvailable(ctx) ? 'subgroup' : 'tiled';
  return v;
}

/** RB values in order of preference when two pad a shape equally (4: the square-matrix tuning) */
const ROW_BANDS = [4, 2, 8, 1, 16];

/**
 * The subgroup kernels' workgroup tile: RB bands of 16 rows by 16/RB bands of 32 columns, the RB
 * that pads M x N least (so 16 rows, e.g. T = 16 or decoding, do not pay for 64, nor a rank-8
 * LoRA product for 128 columns).
 */
export function subgroupTile(M: number, N: number): { rb: number; rows: number; cols: number } {
  let best = { rb: 4, rows: 64, cols: 128 };
  let bestArea = Infinity;
  for (const rb of ROW_BANDS) {
    const rows = 16 * rb, cols = 32 * (16 / rb);
    const area = Math.ceil(M / rows) * rows * Math.ceil(N / cols) * cols;
    if (area < bestArea) { bestArea = area; best = { rb, rows, cols }; }
  }
  return best;
}
