// Where downloaded model files live: a store of models (by cache key), each a set of complete files
// plus at most one partial file per name (what a cancelled or dropped download had received, so
// the next attempt resumes it with an HTTP Range request). The browser's store is OPFS
// (opfs-store.ts); tests use MemoryModelStore.

export interface CachedModel {
  key: string;
  files: { name: string; bytes: number }[];
  bytes: number;
  /** every file the model needs is complete (the download finished) */
  complete: boolean;
}

export interface ModelStore {
  list(): Promise<CachedModel[]>;
  /** a complete file, or null */
  read(key: string, name: string): Promise<Uint8Array | null>;
  /** bytes received so far of an unfinished download of `name` (empty when none) */
  partial(key: string, name: string): Promise<Uint8Array>;
  /** appends received bytes to the partial file; throws StorageFullError when the quota is reached */
  append(key: string, name: string, bytes: Uint8Array): Promise<void>;
  /** drops the partial file (a restart from byte 0, or a file that failed verification) */
  discardPartial(key: string, name: string): Promise<void>;
  /** the partial file becomes the complete file */
  commit(key: string, name: string): Promise<void>;
  /** marks the model complete (all its files committed) */
  markComplete(key: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export class StorageFullError extends Error {
  constructor(readonly file: string, readonly stored: number, cause: string) {
    super(`${file}: the browser's storage is full (${cause}) after ${stored} bytes; delete cached models or free space, then resume the download`);
  }
}

/** In memory (tests, and a page where OPFS is unavailable); `quota` bytes in total, to test a full store. */
export class MemoryModelStore implements ModelStore {
  private readonly files = new Map<string, Map<string, Uint8Array>>();
  private readonly partials = new Map<string, Map<string, Uint8Array[]>>();
  private readonly completeKeys = new Set<string>();

  constructor(private readonly quota = Infinity) {}

  private used(): number {
    let n = 0;
    for (const m of this.files.values()) for (const b of m.values()) n += b.length;
    for (const m of this.partials.values()) for (const parts of m.values()) for (const b of parts) n += b.length;
    return n;
  }

  async list(): Promise<CachedModel[]> {
    const keys = new Set([...this.files.keys(), ...this.partials.keys()]);
    return [...keys].sort().map((key) => {
      const files = [...(this.files.get(key) ?? new Map<string, Uint8Array>())].map(([name, b]) => ({ name, bytes: b.length }));
      for (const [name, parts] of this.partials.get(key) ?? []) files.push({ name: `${name} (partial)`, bytes: parts.reduce((a, b) => a + b.length, 0) });
      return { key, files, bytes: files.reduce((a, f) => a + f.bytes, 0), complete: this.completeKeys.has(key) };
    });
  }

  async read(key: string, name: string): Promise<Uint8Array | null> {
    return this.files.get(key)?.get(name) ?? null;
  }

  async partial(key: string, name: string): Promise<Uint8Array> {
    const parts = this.partials.get(key)?.get(name) ?? [];
    return concat(parts);
  }

  async append(key: string, name: string, bytes: Uint8Array): Promise<void> {
    if (this.used() + bytes.length > this.quota) throw new StorageFullError(name, (await this.partial(key, name)).length, 'QuotaExceededError');
    if (!this.partials.has(key)) this.partials.set(key, new Map());
    const m = this.partials.get(key)!;
    if (!m.has(name)) m.set(name, []);
    m.get(name)!.push(bytes.slice());
  }

  async discardPartial(key: string, name: string): Promise<void> {
    this.partials.get(key)?.delete(name);
  }

  async commit(key: string, name: string): Promise<void> {
    const bytes = await this.partial(key, name);
    this.partials.get(key)?.delete(name);
    if (this.partials.get(key)?.size === 0) this.partials.delete(key);
    if (!this.files.has(key)) this.files.set(key, new Map());
    this.files.get(key)!.set(name, bytes);
  }

  async markComplete(key: string): Promise<void> {
    this.completeKeys.add(key);
  }

  async delete(key: string): Promise<void> {
    this.files.delete(key);
    this.partials.delete(key);
    this.completeKeys.delete(key);
  }
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, b) => a + b.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
