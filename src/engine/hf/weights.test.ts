// Weight loading: the bf16 fixture as stored (raw u16, widened exactly), the same weights split
// into shards with an index, f16/f32 round trips, and bad input named by file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../checkpoint/safetensors';
import { parseLlamaConfig } from './config';
import { memoryFolder } from './folder';
import { f32ToTensor, packU16Pairs, readHfSafetensors, tensorToF32, writeHfSafetensors, type HfTensor } from './tensors';
import { llamaFolderFiles } from './save-folder';
import { loadHfWeights } from './weights';

const path = (f: string) => fileURLToPath(new URL(`../../../../shared/fixtures/${f}`, import.meta.url));
const bytes = (f: string) => new Uint8Array(readFileSync(path(f)));
const config = parseLlamaConfig(JSON.parse(readFileSync(path('qwen3-tiny/config.json'), 'utf8')), 'config.json');

describe('HF weights', () => {
  it('keeps bf16 raw and widens it exactly as the f32 reader does', async () => {
    const w = await loadHfWeights(memoryFolder('q3', new Map([['model.safetensors', bytes('qwen3-tiny/model.safetensors')]])), config);
    const ref = readSafetensors(bytes('qwen3-tiny/model.safetensors'), 'm').tensors;
    expect(w.size).toBe(ref.size);
    for (const [name, t] of w) {
      expect(t.dtype).toBe('BF16');
      expect(t.data).toBeInstanceOf(Uint16Array);
      expect(Array.from(tensorToF32(t))).toEqual(Array.from(ref.get(name)!.data));
    }
    const e = w.get('model.embed_tokens.weight')!;
    const packed = packU16Pairs(e);
    expect(packed[0] & 0xffff).toBe((e.data as Uint16Array)[0]);
    expect(packed[0] >>> 16).toBe((e.data as Uint16Array)[1]);
  });

  it('reads sharded weights through model.safetensors.index.json', async () => {
    const all = readHfSafetensors(bytes('qwen3-tiny/model.safetensors'), 'm').tensors;
    const names = [...all.keys()];
    const a = new Map(names.slice(0, 7).map((n) => [n, all.get(n)!]));
    const b = new Map(names.slice(7).map((n) => [n, all.get(n)!]));
    const weight_map: Record<string, string> = {};
    for (const n of a.keys()) weight_map[n] = 'model-00001-of-00002.safetensors';
    for (const n of b.keys()) weight_map[n] = 'model-00002-of-00002.safetensors';
    const files = new Map<string, Uint8Array>([
      ['model-00001-of-00002.safetensors', writeHfSafetensors(a)],
      ['model-00002-of-00002.safetensors', writeHfSafetensors(b)],
      ['model.safetensors.index.json', new TextEncoder().encode(JSON.stringify({ metadata: {}, weight_map }))],
    ]);
    const w = await loadHfWeights(memoryFolder('sharded', files), config);
    for (const [n, t] of all) expect(Array.from(w.get(n)!.data)).toEqual(Array.from(t.data));
    files.delete('model-00002-of-00002.safetensors');
    await expect(loadHfWeights(memoryFolder('sharded', files), config)).rejects.toThrow('sharded/model-00002-of-00002.safetensors: missing shard');
  });

  it('refuses truncated files, missing and misshapen tensors, naming the file', async () => {
    const full = bytes('qwen3-tiny/model.safetensors');
    await expect(loadHfWeights(memoryFolder('d', new Map([['model.safetensors', full.subarray(0, full.length - 100)]])), config)).rejects.toThrow(/d\/model.safetensors: tensor '.*' ends at byte .*truncated file/);
    await expect(loadHfWeights(memoryFolder('d', new Map()), config)).rejects.toThrow('d: no model.safetensors and no model.safetensors.index.json');
    const all = readHfSafetensors(full, 'm').tensors;
    all.delete('model.norm.weight');
    await expect(loadHfWeights(memoryFolder('d', new Map([['model.safetensors', writeHfSafetensors(all)]])), config)).rejects.toThrow("d: missing tensor 'model.norm.weight'");
    all.set('model.norm.weight', f32ToTensor(new Float32Array(65), [65], 'F32'));
    await expect(loadHfWeights(memoryFolder('d', new Map([['model.safetensors', writeHfSafetensors(all)]])), config)).rejects.toThrow("tensor 'model.norm.weight' has shape [65], config.json implies [64]");
  });

  it('f16 and bf16 rounding: nearest even, exact for representable values', () => {
    const x = new Float32Array([1, -2.5, 65504, 1e-7, 0.1, 3.0000001, 70000, Number.NaN]);
    const h = tensorToF32(f32ToTensor(x, [8], 'F16'));
    expect(Array.from(h.slice(0, 3))).toEqual([1, -2.5, 65504]);
    expect(h[3]).toBeCloseTo(1.1920928955078125e-7, 12); // nearest subnormal half
    expect(Math.abs(h[4] - 0.1)).toBeLessThan(0.1 * 2 ** -11);
    expect(h[6]).toBe(Infinity);
    expect(Number.isNaN(h[7])).toBe(true);
    const b = tensorToF32(f32ToTensor(x, [8], 'BF16'));
    expect(b[0]).toBe(1);
    expect(Math.abs(b[4] - 0.1)).toBeLessThan(0.1 * 2 ** -8);
    const t: HfTensor = f32ToTensor(x.slice(0, 3), [3], 'F16');
    const back = readHfSafetensors(writeHfSafetensors(new Map([['x', t]])), 'x').tensors.get('x')!;
    expect(back.dtype).toBe('F16');
    expect(Array.from(back.data)).toEqual(Array.from(t.data));
  });
});

describe('HF folder writing', () => {
  it('writes shards + index past maxShardBytes, and they load back to the same tensors', async () => {
    const all = readHfSafetensors(bytes('qwen3-tiny/model.safetensors'), 'm').tensors;
    const cfgJson = JSON.parse(readFileSync(path('qwen3-tiny/config.json'), 'utf8'));
    const files = llamaFolderFiles(cfgJson, all, config, new Map(), 100_000);
    expect(files.has('model.safetensors')).toBe(false);
    const index = JSON.parse(new TextDecoder().decode(files.get('model.safetensors.index.json')!));
    const shards = [...new Set(Object.values(index.weight_map))];
    expect(shards.length).toBeGreaterThan(2);
    expect(shards[0]).toBe(`model-00001-of-0000${shards.length}.safetensors`);
    for (const s of shards) expect(files.get(s as string)!.length).toBeLessThan(100_000 + 140_000); // one tensor may exceed alone
    const w = await loadHfWeights(memoryFolder('w', files), config);
    for (const [n, t] of all) expect(Array.from(w.get(n)!.data)).toEqual(Array.from(t.data));
    const one = llamaFolderFiles(cfgJson, all, config);
    expect([...one.keys()].sort()).toEqual(['config.json', 'generation_config.json', 'model.safetensors']);
  });
});
