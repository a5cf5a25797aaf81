// Verdict cache in the browser's IndexedDB (database "lrpo-studio-eval", store "verdicts").
import { isCachedVerdict, type CachedVerdict, type VerdictStore } from './cache';

const DB = 'lrpo-studio-eval';
const STORE = 'verdicts';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export class IndexedDbVerdictStore implements VerdictStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<IndexedDbVerdictStore> {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    return new IndexedDbVerdictStore(await request(req));
  }

  async get(key: string): Promise<CachedVerdict | undefined> {
    const v = await request(this.db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
    return isCachedVerdict(v) ? v : undefined;
  }

  async set(key: string, value: CachedVerdict): Promise<void> {
    await request(this.db.transaction(STORE, 'readwrite').objectStore(STORE).put(value, key));
  }

  async clear(): Promise<void> {
    await request(this.db.transaction(STORE, 'readwrite').objectStore(STORE).clear());
  }
}
