// Verdict cache in a JSON file, for the CLI: { "version": 1, "entries": { key: verdict } }.
// Loaded once; written (atomically, via a temp file and rename) on flush. A missing file starts
// empty; an unreadable one is an error naming the file, so a cache is never silently overwritten.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { isCachedVerdict, type CachedVerdict, type VerdictStore } from './cache';

export class FileVerdictStore implements VerdictStore {
  private entries = new Map<string, CachedVerdict>();
  private dirty = false;

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<FileVerdictStore> {
    const store = new FileVerdictStore(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw new Error(`${path}: cannot read the cache file: ${(e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`${path}: the cache file is not valid JSON (${(e as Error).message}); move it away or pick another --cache`);
    }
    const entries = (json as { entries?: Record<string, unknown> })?.entries;
    if (!entries || typeof entries !== 'object') throw new Error(`${path}: not a verdict cache (no "entries" object)`);
    for (const [k, v] of Object.entries(entries)) if (isCachedVerdict(v)) store.entries.set(k, v);
    return store;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string) {
    return this.entries.get(key);
  }

  async set(key: string, value: CachedVerdict) {
    this.entries.set(key, value);
    this.dirty = true;
  }

  async flush() {
    if (!this.dirty) return;
    const tmp = `${this.path}.tmp-${process.pid}`;
    await writeFile(tmp, JSON.stringify({ version: 1, entries: Object.fromEntries(this.entries) }));
    await rename(tmp, this.path);
    this.dirty = false;
  }
}
