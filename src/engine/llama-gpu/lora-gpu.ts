// A LoRA adapter on the GPU: one flat buffer each for the parameters, gradients and AdamW moments,
// every matrix at a 256-byte aligned offset (bindable with offsets), in loraLayout's PEFT order. The
// zero padding between matrices stays zero through AdamW (zero gradient, no weight decay effect on 0).
// Trainable token rows (spec.tokenIds) follow the matrices, as in adapterLayout.
import type { Binding } from '../backend/gpu-context';
import type { LlamaConfig } from '../hf/config';
import type { LinearName } from '../hf/llama-params';
import { adapterLayout, loraLayout, type LoraEntry, type LoraSpec } from '../llama/lora';
import type { FlatEntry } from '../llama/weights';

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
  /** trainable token rows [n, hidden] after the matrices (spec.tokenIds), PEFT's name */
  rows: (FlatEntry & { gpuOffset: number }) | null;
  /** every tensor of the buffer: the matrices, then the rows */
  all: (FlatEntry & { gpuOffset: number })[];
}

const ALIGN = 64; // floats = 256 bytes, WebGPU's minStorageBufferOffsetAlignment

export function gpuLoraLayout(c: LlamaConfig, spec: LoraSpec): GpuLoraLayout {
  const { entries } = loraLayout(c, spec);
  const full = adapterLayout(c, spec);
  const total = full.total;
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
  const rowEntry = full.entries.length > entries.length ? full.entries[full.entries.length - 1] : null;
  const rows = rowEntry ? { ...rowEntry, gpuOffset: at } : null;
  if (rowEntry) at += Math.ceil(rowEntry.size / ALIGN) * ALIGN;
  return { entries: gentries, total, gpuSize: Math.max(at, ALIGN), pairs, rows, all: rows ? [...gentries, rows] : gentries };
}

export function toGpuLayout(l: GpuLoraLayout, flat: Float32Array): Float32Array {
  const out = new Float32Array(l.gpuSize);
  for (const e of l.all) out.set(flat.subarray(e.offset, e.offset + e.size), e.gpuOffset);
  return out;
}

export function fromGpuLayout(l: GpuLoraLayout, gpu: Float32Array): Float32Array {
  const out = new Float32Array(l.total);
  for (const e of l.all) out.set(gpu.subarray(e.gpuOffset, e.gpuOffset + e.size), e.offset);
  return out;
}

export function entryBinding(buf: GPUBuffer, e: { gpuOffset: number; size: number }): Binding {
  return { buffer: buf, offset: e.gpuOffset * 4, size: e.size * 4 };
}
