// The GPU parameter layout: the same order as the CPU parameter table (gpt/params.ts), in one flat
// buffer, but with every tensor starting on a 256-byte boundary so each can be bound on its own
// (minStorageBufferOffsetAlignment). Padding stays zero: its gradient is zero, so AdamW over the
// whole flat buffer leaves it zero. pack/unpack convert between the CPU flat layout and this one.
import type { GPTConfig } from '../model-api';
import { paramTable, type ParamEntry } from '../gpt/params';

export const ALIGN_FLOATS = 64; // 256 bytes

export interface GpuParamEntry extends ParamEntry {
  /** offset in floats in the GPU buffer (a multiple of ALIGN_FLOATS) */
  gpuOffset: number;
}

export interface GpuParamLayout {
  entries: GpuParamEntry[];
  byName: Map<string, GpuParamEntry>;
  /** floats in the GPU buffer, padding included */
  gpuSize: number;
  /** floats in the CPU flat buffer (numParams) */
  cpuSize: number;
}

export function gpuParamLayout(config: GPTConfig): GpuParamLayout {
  let at = 0;
  const entries = paramTable(config).map((e) => {
    const g = { ...e, gpuOffset: at };
    at += Math.ceil(e.size / ALIGN_FLOATS) * ALIGN_FLOATS;
    return g;
  });
  const last = entries[entries.length - 1];
  return { entries, byName: new Map(entries.map((e) => [e.name, e])), gpuSize: at, cpuSize: last.offset + last.size };
}

/** CPU flat layout -> GPU layout (zero padding) */
export function packParams(layout: GpuParamLayout, flat: Float32Array): Float32Array {
  if (flat.length !== layout.cpuSize) throw new Error(`parameter buffer has ${flat.length} values, this config needs ${layout.cpuSize}`);
  const out = new Float32Array(layout.gpuSize);
  for (const e of layout.entries) out.set(flat.subarray(e.offset, e.offset + e.size), e.gpuOffset);
  return out;
}

/** GPU layout -> CPU flat layout */
export function unpackParams(layout: GpuParamLayout, gpu: Float32Array): Float32Array {
  const out = new Float32Array(layout.cpuSize);
  for (const e of layout.entries) out.set(gpu.subarray(e.gpuOffset, e.gpuOffset + e.size), e.offset);
  return out;
}
