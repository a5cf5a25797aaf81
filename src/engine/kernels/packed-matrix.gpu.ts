// A weight matrix [rows, cols] kept 16-bit (bf16 or f16) on the GPU, packed two to a u32 along its
// rows (element 2i in the low half, as packU16Pairs in hf/tensors.ts), in one buffer per row chunk so
// that no binding exceeds the device's limits (split-rows.ts). Frozen base weights live here; the
// kernels widen them to f32 (matmul_packed.wgsl, embedding_packed.wgsl).
import type { GpuContext } from '../backend/gpu-context';
import { splitRows, type RowChunk } from './split-rows';

export type HalfKind = 'bf16' | 'f16';

export interface PackedMatrix {
  rows: number;
  cols: number;
  kind: HalfKind;
  chunks: (RowChunk & { buf: GPUBuffer })[];
}

/** The binding limit chunks must respect: the device's, or a smaller one (tests of the splitting). */
export function bindingLimit(ctx: GpuContext, override?: number): number {
  const dev = Math.min(ctx.limits.maxStorageBufferBindingSize, ctx.limits.maxBufferSize);
  return override === undefined ? dev : Math.min(dev, override);
}

/** Uploads `words` (rows * cols / 2 u32) as chunks of at most maxBindingBytes (default: the device's limit). */
export function uploadPackedMatrix(ctx: GpuContext, words: Uint32Array, rows: number, cols: number, kind: HalfKind, label = '', maxBindingBytes?: number): PackedMatrix {
  if (cols % 2 !== 0) throw new Error(`${label || 'weight'}: 16-bit weights are packed in pairs along a row, so its ${cols} columns must be even`);
  if (words.length !== (rows * cols) / 2) throw new Error(`${label || 'weight'}: [${rows}, ${cols}] needs ${(rows * cols) / 2} packed words, got ${words.length}`);
  const half = cols / 2;
  const chunks = splitRows(rows, cols, 2, bindingLimit(ctx, maxBindingBytes)).map((c, i) => {
    const buf = ctx.upload(words.subarray(c.row0 * half, (c.row0 + c.rows) * half), `${label} [${c.row0}..${c.row0 + c.rows})${i ? '' : ''}`);
    return { ...c, buf };
  });
  return { rows, cols, kind, chunks };
}

export function releasePackedMatrix(ctx: GpuContext, m: PackedMatrix): void {
  for (const c of m.chunks) ctx.release(c.buf);
  m.chunks = [];
}
