// Atomic autosave over a small key-value store (IndexedDB in the browser, a Map in tests): each save
// writes a new generation's files under fresh keys, then flips one pointer record to it, then deletes
// generations older than the previous one. A crash at any moment leaves the pointer on a complete
// generation, so the last finished save is always loadable. Large inputs that do not change between
// saves (an opened embedding model) are blobs: written once under their own key, named by the
// generations that use them, and deleted when neither the current nor the previous one does.

export interface KvStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export interface SavePointer {
  generation: number;
  step: number;
  savedAt: number;
  files: string[];
  /** the blobs this generation uses (absent: none) */
  blobs?: string[];
}

const POINTER = 'pointer';
const fileKey = (gen: number, name: string) => `gen/${gen}/${name}`;
const blobKey = (name: string) => `blob/${name}`;

export class SaveStore {
  constructor(private readonly kv: KvStore) {}

  async pointer(): Promise<SavePointer | null> {
    const p = (await this.kv.get(POINTER)) as SavePointer | undefined;
    return p && typeof p.generation === 'number' && Array.isArray(p.files) ? p : null;
  }

  /** Writes a blob unless it is stored already (name it by its content, e.g. a hash). */
  async putBlob(name: string, bytes: Uint8Array): Promise<void> {
    if (!(await this.kv.keys()).includes(blobKey(name))) await this.kv.put(blobKey(name), bytes);
  }

  /** A stored blob, or null. */
  async getBlob(name: string): Promise<Uint8Array | null> {
    const v = await this.kv.get(blobKey(name));
    return v instanceof Uint8Array ? v : null;
  }

  /**
   * Writes a generation, then flips the pointer; returns the new generation number. `blobs` are the
   * blobs (put with putBlob before) this generation uses.
   */
  async save(step: number, files: Record<string, unknown>, now = Date.now(), blobs: string[] = []): Promise<number> {
    const prev = await this.pointer();
    const existing = await this.kv.keys();
    let gen = (prev?.generation ?? 0) + 1;
    // never reuse a number whose (possibly partial) files are still lying around from a crash
    while (existing.some((k) => k.startsWith(`gen/${gen}/`))) gen++;
    const names = Object.keys(files);
    for (const name of names) await this.kv.put(fileKey(gen, name), files[name]);
    await this.kv.put(POINTER, { generation: gen, step, savedAt: now, files: names, ...(blobs.length ? { blobs } : {}) } satisfies SavePointer);
    // clean-up after the flip: keep this generation and the previous one, and the blobs they use
    const keptBlobs = new Set([...blobs, ...(prev?.blobs ?? [])].map(blobKey));
    for (const k of await this.kv.keys()) {
      const m = /^gen\/(\d+)\//.exec(k);
      if (m && Number(m[1]) !== gen && Number(m[1]) !== prev?.generation) await this.kv.delete(k);
      else if (k.startsWith('blob/') && !keptBlobs.has(k)) await this.kv.delete(k);
    }
    return gen;
  }

  /** The files of the generation the pointer names, or null when there is no save. */
  async load(): Promise<{ pointer: SavePointer; files: Record<string, unknown> } | null> {
    const p = await this.pointer();
    if (!p) return null;
    const files: Record<string, unknown> = {};
    for (const name of p.files) {
      const v = await this.kv.get(fileKey(p.generation, name));
      if (v === undefined) throw new Error(`saved run: generation ${p.generation} is missing ${name}`);
      files[name] = v;
    }
    return { pointer: p, files };
  }

  async clear(): Promise<void> {
    await this.kv.delete(POINTER);
    for (const k of await this.kv.keys()) await this.kv.delete(k);
  }
}

export class MemoryKv implements KvStore {
  readonly map = new Map<string, unknown>();
  async get(key: string) {
    return this.map.get(key);
  }
  async put(key: string, value: unknown) {
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
  async keys() {
    return [...this.map.keys()];
  }
}
