import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from './safetensors';

/** a safetensors file written by hand (as Python's safetensors would) with the given dtype bytes */
function handMade(dtype: string, shape: number[], data: Uint8Array, extraHeader = ''): Uint8Array {
  const header = `{"t":{"dtype":"${dtype}","shape":${JSON.stringify(shape)},"data_offsets":[0,${data.length}]}${extraHeader}}`;
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

describe('safetensors', () => {
  it('writes the documented layout: u64 header length, JSON header padded to 8, raw F32 data', () => {
    const bytes = writeSafetensors(new Map([['a', { shape: [2], data: new Float32Array([1.5, -2]) }]]), { format: 'pt' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header).toEqual({ __metadata__: { format: 'pt' }, a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } });
    expect(Array.from(new Float32Array(bytes.slice(8 + n).buffer))).toEqual([1.5, -2]);
    const back = readSafetensors(bytes, 'x');
    expect(back.metadata).toEqual({ format: 'pt' });
    expect(Array.from(back.tensors.get('a')!.data)).toEqual([1.5, -2]);
  });

  it('reads F16, BF16 and F64 as float32', () => {
    const f16 = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x3555, 0x0001]).buffer); // 1, -2, ~0.3333, 2^-24
    const r16 = readSafetensors(handMade('F16', [4], f16), 'h').tensors.get('t')!.data;
    expect(r16[0]).toBe(1);
    expect(r16[1]).toBe(-2);
    expect(r16[2]).toBeCloseTo(0.33325, 5);
    expect(r16[3]).toBe(2 ** -24);
    const bf = new Uint8Array(new Uint16Array([0x3f80, 0xc040]).buffer); // 1, -3
    expect(Array.from(readSafetensors(handMade('BF16', [2], bf), 'b').tensors.get('t')!.data)).toEqual([1, -3]);
    const f64 = new Uint8Array(new Float64Array([0.25, 1e-3]).buffer);
    const r64 = readSafetensors(handMade('F64', [2], f64), 'd').tensors.get('t')!.data;
    expect(r64[0]).toBe(0.25);
    expect(r64[1]).toBe(Math.fround(1e-3));
  });

  it('refuses malformed files with the file and tensor named', () => {
    expect(() => readSafetensors(handMade('I64', [1], new Uint8Array(8)), 'm.safetensors'))
      .toThrow("m.safetensors: tensor 't' has dtype I64; only F32, F64, F16 and BF16 are supported");
    expect(() => readSafetensors(handMade('F32', [3], new Uint8Array(8)), 'm'))
      .toThrow("m: tensor 't': shape [3] of F32 needs 12 bytes but data_offsets span 8");
    expect(() => readSafetensors(new Uint8Array(4), 'short')).toThrow(/short: not a safetensors file/);
    const junk = handMade('F32', [1], new Uint8Array(4));
    junk[9] = 0x7b; // '{{' -> invalid JSON
    expect(() => readSafetensors(junk, 'j')).toThrow(/j: the safetensors header is not valid JSON/);
  });
});
