// Keeps the Evaluate view's work across page reloads (allowing a judge endpoint reloads the page):
// the loaded file's bytes, its column choices, verdicts, seen languages and the endpoint's base URL
// and model, and predictions generated in the studio with their verdicts, in IndexedDB
// ("lrpo-studio-eval-session"). Never the API key: that is remembered only
// when the user ticks "remember key", in localStorage, by rememberApiKey().
import type { ColumnMapping } from '../../eval/columns';
import type { Verdict } from '../../eval/types';
import type { GeneratedSource } from '../../eval/generated-source';

/** A generated prediction source as stored (maps as entry lists). */
export interface SavedGenerated extends Omit<GeneratedSource, 'predictions'> {
  predictions: [string, string][];
  verdicts: [string, Verdict][];
  /** it was the active source */
  active: boolean;
}

export interface EvalSession {
  fileName: string;
  bytes: Uint8Array;
  override: ColumnMapping;
  /** the file was opened as benchmark questions without predictions */
  questionsOnly?: boolean;
  verdicts: [string, Verdict][];
  seen: string[];
  baseUrl: string;
  model: string;
  generated?: SavedGenerated;
}

const DB = 'lrpo-studio-eval-session';
const STORE = 'session';
const KEY_STORAGE = 'lrpo.judge.apiKey';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function saveSession(s: EvalSession): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(s, 'current');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

export async function loadSession(): Promise<EvalSession | null> {
  const db = await open();
  const v = await new Promise<unknown>((resolve, reject) => {
    const r = db.transaction(STORE, 'readonly').objectStore(STORE).get('current');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  db.close();
  const s = v as EvalSession | undefined;
  if (!s || typeof s.fileName !== 'string' || !(s.bytes instanceof Uint8Array) || !Array.isArray(s.verdicts)) return null;
  return s;
}

export function rememberedApiKey(): string {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

/** Stores the key when `remember` is true; removes any stored key otherwise. */
export function rememberApiKey(key: string, remember: boolean): void {
  try {
    if (remember && key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    /* storage unavailable: the key stays in memory only */
  }
}
