// A frozen base matrix [rows, cols] on the GPU as the Llama-family model uses it: 16-bit packed
// (bf16/f16, split into row chunks past the binding limit) or float32 (one buffer), with the three
// operations the model needs: y (+)= x·Wᵀ (+ bias) (a Linear, or the LM head), dx (+)= dy·W (its
// input gradient; the weight itself is never trained on the GPU) and a row gather (the embedding).
import type { Binding, GpuContext } from '../backend/gpu-context';
import type { HfTensor } from '../hf/tensors';
import { packU16Pairs, tensorToF32 } from '../hf/tensors';
import { gemmGpu } from '../kernels/matmul.gpu';
import { embeddingPackedGpu, linearPackedBackwardInputGpu, linearPackedGpu } from '../kernels/matmul-packed.gpu';
import { bindingLimit, releasePackedMatrix, uploadPackedMatrix, type PackedMatrix } from '../kernels/packed-matrix.gpu';
import gatherF32 from './gather_rows_f32.wgsl?raw';

export interface GpuMatrix {
  rows: number;
  cols: number;
  packed: PackedMatrix | null;
  /** float32 [rows, cols]: its own buffer, or a range of a flat parameter buffer (full fine-tuning) */
  f32: Binding | null;
}

export function uploadMatrix(ctx: GpuContext, t: HfTensor, name: string, maxBindingBytes?: number): GpuMatrix {
  const [rows, cols] = t.shape;
  if (t.dtype === 'F32') {
    const limit = bindingLimit(ctx, maxBindingBytes);
    if (rows * cols * 4 > limit) throw new Error(`${name}: ${rows * cols * 4} bytes of float32 exceed this device's binding limit of ${limit} bytes; use the checkpoint in bf16 or f16 (split automatically)`);
    return { rows, cols, packed: null, f32: ctx.upload(t.data as Float32Array, name) };
  }
  const packed = uploadPackedMatrix(ctx, packU16Pairs(t), rows, cols, t.dtype === 'BF16' ? 'bf16' : 'f16', name, maxBindingBytes);
  return { rows, cols, packed, f32: null };
}

export function releaseMatrix(ctx: GpuContext, m: GpuMatrix): void {
  if (m.packed) releasePackedMatrix(ctx, m.packed);
  if (m.f32 && !('buffer' in m.f32)) ctx.release(m.f32);
}

/** y[M, rows] (+)= x[M, cols]·Wᵀ (+ bias) */
export function matFwd(ctx: GpuContext, pass: GPUComputePassEncoder, W: GpuMatrix, y: Binding, x: Binding, M: number, bias: Binding | null, accumulate = false): void {
  if (W.packed) linearPackedGpu(ctx, pass, y, x, W.packed, M, { bias, accumulate });
  else gemmGpu(ctx, pass, y, x, W.f32!, { M, N: W.rows, K: W.cols, transA: false, transB: true, accumulate, bias });
}

/** dx[M, cols] (+)= dy[M, rows]·W */
export function matBwdInput(ctx: GpuContext, pass: GPUComputePassEncoder, W: GpuMatrix, dx: Binding, dy: Binding, M: number, accumulate: boolean): void {
  if (W.packed) linearPackedBackwardInputGpu(ctx, pass, dx, dy, W.packed, M, accumulate);
  else gemmGpu(ctx, pass, dx, dy, W.f32!, { M, N: W.cols, K: W.rows, transA: false, transB: false, accumulate });
}

/** out[N, cols] = W[ids[n]] */
export function matGather(ctx: GpuContext, pass: GPUComputePassEncoder, W: GpuMatrix, out: Binding, ids: Binding, N: number): void {
  if (W.packed) embeddingPackedGpu(ctx, pass, out, ids, W.packed, N);
  else ctx.dispatch(pass, gatherF32, [ctx.params([N, W.cols]), out, ids, W.f32!], ctx.grid1d(N * W.cols));
}

/** The matrix back as float32 (exports; 16-bit values widen exactly, as hf/tensors.ts does). */
export async function readMatrix(ctx: GpuContext, m: GpuMatrix): Promise<Float32Array> {
  if (m.f32) return 'buffer' in m.f32 ? ctx.readF32(m.f32.buffer, m.f32.offset / 4, m.rows * m.cols) : ctx.readF32(m.f32, 0, m.rows * m.cols);
  const out = new Float32Array(m.rows * m.cols);
  const p = m.packed!;
  for (const ch of p.chunks) {
    const n = ch.rows * m.cols;
    const half = new Uint16Array(await ctx.read(ch.buf, 0, n * 2));
    out.set(tensorToF32({ dtype: p.kind === 'bf16' ? 'BF16' : 'F16', shape: [ch.rows, m.cols], data: half }), ch.row0 * m.cols);
  }
  return out;
}
