// A small reader and writer for the safetensors format (https://huggingface.co/docs/safetensors):
// 8 bytes little-endian u64 header length N, N bytes of JSON header
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}, then the raw
// little-endian tensor bytes. We write F32 only (the engine is f32) and read F32 (F64, F16, BF16 are
// converted to f32). Every malformed input is refused with the file and the tensor named.

export interface SafeTensor {
  dtype: string;
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

const BYTES: Record<string, number> = { F32: 4, F64: 8, F16: 2, BF16: 2 };

export function writeSafetensors(
  tensors: Map<string, { shape: number[]; data: Float32Array }>, metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.data.length) throw new Error(`tensor '${name}': shape [${t.shape.join(', ')}] needs ${size} values, got ${t.data.length}`);
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * size] };
    offset += 4 * size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8; // pad with spaces so the data starts 8-aligned
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const t of tensors.values()) {
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    out.set(bytes, pos);
    pos += bytes.length;
  }
  return out;
}

export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

function decodeData(dtype: string, bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength / BYTES[dtype];
  if (dtype === 'F32') {
    // copy the raw bytes (bit-exact, NaN payloads included); JS platforms are little-endian
    return new Float32Array(bytes.slice().buffer);
  }
  const out = new Float32Array(n);
  if (dtype === 'F64') for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, true);
  else if (dtype === 'F16') for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
  else {
    const u = new Uint32Array(1);
    const f = new Float32Array(u.buffer);
    for (let i = 0; i < n; i++) {
      u[0] = view.getUint16(2 * i, true) << 16;
      out[i] = f[0];
    }
  }
  return out;
}

export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: number[];
  /** byte range of the tensor inside `bytes` (absolute) */
  begin: number;
  end: number;
}

/**
 * Parses and checks the header of safetensors bytes (dtype, shape, offsets within the file) without
 * decoding any tensor; `file` names the source in error messages.
 */
export function readSafetensorsHeader(bytes: Uint8Array, file: string): { entries: SafetensorsEntry[]; metadata: Record<string, string> } {
  if (bytes.length < 8) throw new Error(`${file}: not a safetensors file (${bytes.length} bytes, shorter than the 8-byte header length)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) throw new Error(`${file}: truncated or not safetensors (header length ${n} exceeds the file's ${bytes.length - 8} remaining bytes)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new Error(`${file}: the safetensors header is not valid JSON (${(e as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw new Error(`${file}: the safetensors header is not a JSON object`);
  const dataStart = 8 + n;
  const dataLen = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: SafetensorsEntry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      // the format says string -> string; other JSON values are kept as their JSON text (String() of
      // an object whose "toString" key holds a number would throw)
      if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) metadata[k] = typeof v === 'string' ? v : JSON.stringify(v);
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const where = `${file}: tensor '${name}'`;
    if (typeof info?.dtype !== 'string') throw new Error(`${where} has no dtype`);
    if (!(info.dtype in BYTES)) throw new Error(`${where} has dtype ${info.dtype}; only F32, F64, F16 and BF16 are supported`);
    if (!Array.isArray(info.shape) || info.shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new Error(`${where} has an invalid shape ${JSON.stringify(info.shape)}`);
    }
    const off = info.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((x) => Number.isInteger(x) && x >= 0) || off[1] < off[0]) {
      throw new Error(`${where} has invalid data_offsets ${JSON.stringify(off)}`);
    }
    const shape = info.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const [begin, end] = off as number[];
    if (end - begin !== size * BYTES[info.dtype]) {
      throw new Error(`${where}: shape [${shape.join(', ')}] of ${info.dtype} needs ${size * BYTES[info.dtype]} bytes but data_offsets span ${end - begin}`);
    }
    if (end > dataLen) throw new Error(`${where} ends at byte ${end} but the file holds only ${dataLen} data bytes (truncated file?)`);
    entries.push({ name, dtype: info.dtype, shape, begin: dataStart + begin, end: dataStart + end });
  }
  return { entries, metadata };
}

/** Parses safetensors bytes; `file` names the source in error messages. */
export function readSafetensors(bytes: Uint8Array, file: string): SafetensorsFile {
  const { entries, metadata } = readSafetensorsHeader(bytes, file);
  const tensors = new Map<string, SafeTensor>();
  for (const e of entries) tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: decodeData(e.dtype, bytes.subarray(e.begin, e.end)) });
  return { tensors, metadata };
}
