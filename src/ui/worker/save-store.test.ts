import { describe, expect, it } from 'vitest';
import { MemoryKv, SaveStore, type KvStore } from './save-store';

/** A store that fails (as a crash or a full disk would) on the k-th put. */
class CrashingKv extends MemoryKv implements KvStore {
  puts = 0;
  constructor(public failAt: number) {
    super();
  }
  override async put(key: string, value: unknown) {
    if (++this.puts === this.failAt) throw new Error('simulated crash');
    return super.put(key, value);
  }
}

describe('SaveStore', () => {
  it('saves and loads the latest generation, keeping only the previous one besides', async () => {
    const kv = new MemoryKv();
    const s = new SaveStore(kv);
    expect(await s.load()).toBeNull();
    await s.save(2, { a: new Uint8Array([1]), b: 'x' }, 100);
    await s.save(4, { a: new Uint8Array([2]), b: 'y' }, 200);
    const g3 = await s.save(6, { a: new Uint8Array([3]), b: 'z' }, 300);
    const r = await s.load();
    expect(r!.pointer).toEqual({ generation: g3, step: 6, savedAt: 300, files: ['a', 'b'] });
    expect(r!.files).toEqual({ a: new Uint8Array([3]), b: 'z' });
    const gens = new Set([...kv.map.keys()].filter((k) => k.startsWith('gen/')).map((k) => k.split('/')[1]));
    expect([...gens].sort()).toEqual([String(g3 - 1), String(g3)]);
  });

  it('a crash at any point of a save leaves the previous save loadable', async () => {
    // the first save is puts 1-3 (a, b, pointer); the second save fails at its a, b or pointer put
    for (const failAt of [4, 5, 6]) {
      const kv = new CrashingKv(failAt);
      const s = new SaveStore(kv);
      await s.save(1, { a: 'first-a', b: 'first-b' });
      await expect(s.save(2, { a: 'second-a', b: 'second-b' })).rejects.toThrow('simulated crash');
      const r = await s.load();
      expect(r!.pointer.step).toBe(1);
      expect(r!.files).toEqual({ a: 'first-a', b: 'first-b' });
      // and the next save after the crash works and does not reuse the half-written generation's keys
      kv.failAt = -1;
      await s.save(3, { a: 'third-a', b: 'third-b' });
      expect((await s.load())!.files).toEqual({ a: 'third-a', b: 'third-b' });
    }
  });

  it('reports a generation with a missing file instead of loading half a run', async () => {
    const kv = new MemoryKv();
    const s = new SaveStore(kv);
    const g = await s.save(1, { a: 1, b: 2 });
    await kv.delete(`gen/${g}/b`);
    await expect(s.load()).rejects.toThrow(/missing b/);
  });

  it('blobs are written once and kept while the current or the previous generation uses them', async () => {
    const kv = new CrashingKv(-1);
    const s = new SaveStore(kv);
    await s.putBlob('m1', new Uint8Array([1, 2, 3]));
    await s.save(1, { a: 1 }, 100, ['m1']);
    const puts = kv.puts;
    await s.putBlob('m1', new Uint8Array([1, 2, 3]));
    expect(kv.puts).toBe(puts); // already stored: not written again
    await s.save(2, { a: 2 }, 200, ['m1']);
    expect((await s.load())!.pointer.blobs).toEqual(['m1']);
    await s.save(3, { a: 3 }, 300); // the previous generation still uses m1
    expect(await s.getBlob('m1')).toEqual(new Uint8Array([1, 2, 3]));
    await s.save(4, { a: 4 }, 400);
    expect(await s.getBlob('m1')).toBeNull();
    await s.putBlob('m2', new Uint8Array([4]));
    await s.clear();
    expect(kv.map.size).toBe(0);
  });
});
