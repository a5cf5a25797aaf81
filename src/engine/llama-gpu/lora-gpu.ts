// A LoRA adapter on the GPU: one flat buffer each for the parameters, gradients and AdamW moments,
// every matrix at a 256-byte aligned offset (bindable with offsets), in loraLayout's PEFT order. The
// zero padding between matrices stays zero through AdamW (zero gradient, no weight decay effect on 0).
import type { Binding } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { loraLayout, type LoraEntry, type LoraSpec } from '../llama/lora';

export interface GpuLoraEntry extends LoraEntry {
  /** offset in floats in the GPU buffers */
  gpuOffset: number;
}

export interface GpuLoraLayout {
  entries: GpuLoraEntry[];
  /** floats in the CPU (packed) layout */
  total: number;
  /** floats in the GPU (aligned) layout */
  gpuSize: number;
  /** per layer: target -> its A and B entries */
  pairs: Map<LinearName, { a: GpuLoraEntry; b: GpuLoraEntry }>[];
}

const ALIGN = 64; // floats = 256 bytes, WebGPU's minStorageBufferOffsetAlignment

export function gpuLoraLayout(c: LlamaConfig, spec: LoraSpec): GpuLoraLayout {
  const { entries, total } = loraLayout(c, spec);
  let at = 0;
  const gentries = entries.map((e) => {
    const g = { ...e, gpuOffset: at };
    at += Math.ceil(e.size / ALIGN) * ALIGN;
    return g;
  });
  const pairs: GpuLoraLayout['pairs'] = Array.from({ length: c.nLayer }, () => new Map());
  for (const e of gentries) {
    const m = pairs[e.layer];
    const p = m.get(e.target) ?? { a: e, b: e };
    if (e.which === 'A') p.a = e;
    else p.b = e;
    m.set(e.target, p);
  }
  return { entries: gentries, total, gpuSize: Math.max(at, ALIGN), pairs };
}

export function toGpuLayout(l: GpuLoraLayout, flat: Float32Array): Float32Array {
  const out = new Float32Array(l.gpuSize);
  for (const e of l.entries) out.set(flat.subarray(e.offset, e.offset + e.size), e.gpuOffset);
  return out;
}

export function fromGpuLayout(l: GpuLoraLayout, gpu: Float32Array): Float32Array {
  const out = new Float32Array(l.total);
  for (const e of l.entries) out.set(gpu.subarray(e.gpuOffset, e.gpuOffset + e.size), e.offset);
  return out;
}

export function entryBinding(buf: GPUBuffer, e: GpuLoraEntry): Binding {
  return { buffer: buf, offset: e.gpuOffset * 4, size: e.size * 4 };
}
