// The autosave's key-value store in the browser: one IndexedDB object store (works in workers;
// values are structured clones, so Uint8Arrays are stored as they are).

import type { KvStore } from './save-store';

const STORE = 'kv';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export class IdbKv implements KvStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(name = 'lrpo-studio-autosave'): Promise<IdbKv> {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    return new IdbKv(await request(req));
  }

  private async tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const t = this.db.transaction(STORE, mode);
    const result = await request(fn(t.objectStore(STORE)));
    if (mode === 'readwrite')
      await new Promise<void>((resolve, reject) => {
        t.oncomplete = () => resolve();
        t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
        t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
      });
    return result;
  }

  get(key: string) {
    return this.tx('readonly', (s) => s.get(key));
  }
  async put(key: string, value: unknown) {
    await this.tx('readwrite', (s) => s.put(value, key));
  }
  async delete(key: string) {
    await this.tx('readwrite', (s) => s.delete(key));
  }
  async keys() {
    return (await this.tx('readonly', (s) => s.getAllKeys())).map(String);
  }
}
