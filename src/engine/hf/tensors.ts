// Exports: HfDtype, HfTensor (a checkpoint tensor kept in its on-disk dtype: F32 as Float32Array,
// BF16/F16 as the raw 16-bit patterns in a Uint16Array, for the GPU to upload packed two to a u32),
// tensorToF32 (widen for the CPU), f32ToTensor (round f32 to bf16 (nearest-even) or f16 for export),
// packU16Pairs (the u32 words a shader reads), readHfSafetensors (bytes -> HfTensor map without
// widening) and writeHfSafetensors (HfTensor map -> bytes in each tensor's own dtype).
import { halfToFloat, readSafetensorsHeader } from '../checkpoint/safetensors';

export type HfDtype = 'F32' | 'BF16' | 'F16';

export interface HfTensor {
  dtype: HfDtype;
  shape: number[];
  /** F32: Float32Array; BF16 / F16: Uint16Array of the raw bit patterns (little-endian element order) */
  data: Float32Array | Uint16Array;
}

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

const u32 = new Uint32Array(1);
const f32 = new Float32Array(u32.buffer);


function floatToBf16(x: number): number {
  f32[0] = x;
  const b = u32[0];
  if ((b & 0x7fffffff) > 0x7f800000) return (b >>> 16) | 0x40; // NaN stays NaN (quiet)
  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff; // round to nearest even
}

function floatToHalf(x: number): number {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const abs = b & 0x7fffffff;
  if (abs > 0x7f800000) return sign | 0x7e00;
  if (abs >= 0x477ff000) return sign | 0x7c00; // overflow (>= 65520 rounds to inf) and inf
  if (abs < 0x38800000) {
    // subnormal half: value / 2^-24, rounded to nearest even
    const v = Math.abs(f32[0]) / 2 ** -24;
    let r = Math.round(v);
    if (Math.abs(v - Math.trunc(v) - 0.5) === 0 && r % 2 === 1) r -= 1;
    return sign | r;
  }
  const e = ((abs >>> 23) - 127 + 15) << 10;
  const m = abs & 0x7fffff;
  let h = e | (m >>> 13);
  const rest = m & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1))) h += 1;
  return sign | h;
}

/** The tensor's values as float32 (a copy for BF16/F16; F32 data is returned as is). */
export function tensorToF32(t: HfTensor): Float32Array {
  if (t.dtype === 'F32') return t.data as Float32Array;
  const src = t.data as Uint16Array;
  const out = new Float32Array(src.length);
  if (t.dtype === 'BF16') {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < src.length; i++) bits[i] = src[i] << 16;
  } else {
    for (let i = 0; i < src.length; i++) out[i] = halfToFloat(src[i]);
  }
  return out;
}

/** float32 values stored as `dtype` (BF16: round to nearest even; F16: IEEE half, nearest even). */
export function f32ToTensor(data: Float32Array, shape: number[], dtype: HfDtype): HfTensor {
  if (numel(shape) !== data.length) throw new Error(`shape [${shape.join(', ')}] needs ${numel(shape)} values, got ${data.length}`);
  if (dtype === 'F32') return { dtype, shape, data: data.slice() };
  const out = new Uint16Array(data.length);
  const conv = dtype === 'BF16' ? floatToBf16 : floatToHalf;
  for (let i = 0; i < data.length; i++) out[i] = conv(data[i]);
  return { dtype, shape, data: out };
}

/** BF16/F16 data as u32 words, element 2i in the low half and 2i+1 in the high half (padded with 0). */
export function packU16Pairs(t: HfTensor): Uint32Array {
  if (t.dtype === 'F32') throw new Error('packU16Pairs: an F32 tensor has no 16-bit pairs');
  const src = t.data as Uint16Array;
  const out = new Uint32Array(Math.ceil(src.length / 2));
  new Uint16Array(out.buffer).set(src);
  return out;
}

const DTYPES: Record<string, HfDtype> = { F32: 'F32', BF16: 'BF16', F16: 'F16' };

/** Parses safetensors bytes keeping F32 / BF16 / F16 as stored (F64 is refused by name). */
export function readHfSafetensors(bytes: Uint8Array, file: string): { tensors: Map<string, HfTensor>; metadata: Record<string, string> } {
  const { entries, metadata } = readSafetensorsHeader(bytes, file);
  const tensors = new Map<string, HfTensor>();
  for (const e of entries) {
    const dtype = DTYPES[e.dtype];
    if (!dtype) throw new Error(`${file}: tensor '${e.name}' has dtype ${e.dtype}; model weights must be F32, BF16 or F16`);
    const copy = bytes.slice(e.begin, e.end).buffer; // aligned copy
    tensors.set(e.name, { dtype, shape: e.shape, data: dtype === 'F32' ? new Float32Array(copy) : new Uint16Array(copy) });
  }
  return { tensors, metadata };
}

/** safetensors bytes holding every tensor in its own dtype, in map order. */
export function writeHfSafetensors(tensors: Map<string, HfTensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    const size = numel(t.shape);
    if (size !== t.data.length) throw new Error(`tensor '${name}': shape [${t.shape.join(', ')}] needs ${size} values, got ${t.data.length}`);
    const bytes = t.data.byteLength;
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const t of tensors.values()) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
    pos += t.data.byteLength;
  }
  return out;
}
