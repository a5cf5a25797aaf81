// The Train view's model picker state: which model the run uses (the bundled demo GPT-2, a local
// Hugging Face folder the user picked or dropped, or a hub repository downloaded into the browser's
// cache), per-file download progress with cancel and resume, the cached models, and the last
// problem. A model that fails to open leaves the one already open in place. Connections go only to
// a hub base the user allowed through the page's connection policy (as judge endpoints are).

import { create } from 'zustand';
import type { FileProgress } from '../../data/hub/download-file';
import { hubBase, modelStoreKey, parseHubId } from '../../data/hub/hub-id';
import { MemoryModelStore, type CachedModel, type ModelStore } from '../../data/hub/model-store';
import { opfsAvailable, OpfsModelStore } from '../../data/hub/opfs-store';
import { openHubModel, storeFolder } from '../../data/hub/open-hub-model';
import { memoryFolder, type HfFolder } from '../../engine/hf/folder';
import { inspectModel, type ModelInspection } from '../../lrpo/family/inspect-model';
import { useSettingsStore } from '../store/settings-store';
import { parseDownloadOrigins, saveDownloadOrigins, savedDownloadOrigins } from './download-origins';
import { redirectGuardedFetch } from './redirect-guard';
import { allowConnectOrigin, endpointOrigin, isConnectAllowedNow } from '../security/connect-origins';

export const DEFAULT_HUB = 'https://huggingface.co';
const BASE_KEY = 'lrpo.hub.base';

export interface OpenedModel {
  kind: 'folder' | 'hub';
  /** the folder name, or the hub id (model.path) */
  path: string;
  folder: HfFolder;
  inspection: ModelInspection;
  /** opened from the browser's cache because the run config (URL, run.json) names it: the config is not edited */
  fromConfig?: boolean;
}

/** A model.path from the URL or run.json that is not (or not yet) open: being checked, or why it cannot be. */
export interface ConfiguredModel {
  path: string;
  state: 'checking' | 'refused';
  reason?: string;
}

interface ModelHubState {
  base: string;
  /** origins the hub may redirect downloads to (its CDN), as the user typed them */
  downloads: string;
  opened: OpenedModel | null;
  busy: string | null;
  error: string | null;
  progress: Record<string, FileProgress>;
  cached: CachedModel[];
  configured: ConfiguredModel | null;
  setBase(url: string): void;
  setDownloads(text: string): void;
  /** the hub base's origin and the download origins not yet allowed for this page load */
  notAllowed(): string[];
  /** the hub base's origin and every download origin are allowed for this page load */
  baseAllowed(): boolean;
  allowBase(): void;
  openFolder(files: File[]): Promise<void>;
  openHub(id: string): Promise<void>;
  cancel(): void;
  refreshCache(): Promise<void>;
  deleteCached(key: string): Promise<void>;
  close(): void;
  dismiss(): void;
  /**
   * The run config's model.path when the picker did not open it (the URL, run.json): opened from the
   * browser's model cache and checked like a picked model, so it gets the same memory plan; refused
   * (with the reason) when the cache does not hold it complete. Nothing is downloaded.
   */
  openConfigured(path: string): Promise<void>;
}

let store: ModelStore | null = null;
const modelStore = (): ModelStore => (store ??= opfsAvailable() ? new OpfsModelStore() : new MemoryModelStore());
let abort: AbortController | null = null;

function savedBase(): string {
  try {
    return (typeof localStorage !== 'undefined' && localStorage.getItem(BASE_KEY)) || DEFAULT_HUB;
  } catch {
    return DEFAULT_HUB;
  }
}

/** A picked or dropped folder as an HfFolder: files by their name inside the folder. */
export async function filesFolder(files: File[]): Promise<HfFolder & { files: Map<string, Uint8Array> }> {
  if (!files.length) throw new Error('no files were chosen');
  const rel = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
  const top = rel(files[0]).includes('/') ? rel(files[0]).split('/')[0] : 'the chosen files';
  const map = new Map<string, Uint8Array>();
  for (const f of files) {
    const parts = rel(f).split('/');
    if (parts.length > 2) continue; // subfolders (an adapter/, .git/) are not part of the model
    map.set(parts[parts.length - 1], new Uint8Array(await f.arrayBuffer()));
  }
  return { ...memoryFolder(top, map), files: map };
}

export const useModelHubStore = create<ModelHubState>((set, get) => ({
  base: savedBase(),
  downloads: savedDownloadOrigins(savedBase()),
  opened: null,
  busy: null,
  error: null,
  progress: {},
  cached: [],
  configured: null,
  setBase(url) {
    try {
      const b = hubBase(url);
      localStorage.setItem(BASE_KEY, b);
      set({ base: b, error: null, downloads: savedDownloadOrigins(b) });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  setDownloads(text) {
    const p = parseDownloadOrigins(text);
    if ('error' in p) return set({ downloads: text, error: p.error });
    saveDownloadOrigins(text.trim());
    set({ downloads: text.trim(), error: null });
  },
  notAllowed() {
    const o = endpointOrigin(get().base);
    const d = parseDownloadOrigins(get().downloads);
    const all = ['origin' in o ? o.origin : get().base, ...('origins' in d ? d.origins : [])];
    return all.filter((x) => !isConnectAllowedNow(x));
  },
  baseAllowed() {
    return get().notAllowed().length === 0;
  },
  allowBase() {
    const o = endpointOrigin(get().base);
    if ('error' in o) return set({ error: o.error });
    const d = parseDownloadOrigins(get().downloads);
    if ('error' in d) return set({ error: d.error });
    for (const origin of [o.origin, ...d.origins]) allowConnectOrigin(origin);
    window.location.reload(); // the connection policy is set once per page load
  },
  async openFolder(files) {
    set({ busy: 'checking the folder…', error: null });
    try {
      const folder = await filesFolder(files);
      const inspection = await inspectModel(folder);
      // the training worker reads models from the browser's model cache: the folder goes there too
      const key = modelStoreKey(folder.label);
      const st = modelStore();
      await st.delete(key);
      for (const [name, bytes] of folder.files) {
        await st.append(key, name, bytes);
        await st.commit(key, name);
      }
      await st.markComplete(key);
      set({ opened: { kind: 'folder', path: folder.label, folder, inspection }, busy: null });
      void get().refreshCache();
    } catch (e) {
      set({ busy: null, error: (e as Error).message }); // the model already open stays open
    }
  },
  async openHub(id) {
    let ref;
    try {
      ref = parseHubId(id);
    } catch (e) {
      return set({ error: (e as Error).message });
    }
    if (!get().baseAllowed() && !(await modelStore().list()).some((m) => m.complete && m.key.startsWith(ref.repo.replace('/', '--') + '@'))) {
      return set({ error: `connections to ${get().notAllowed().join(', ')} are not allowed yet: press "Allow connections to it" first (nothing leaves the page without it)` });
    }
    abort = new AbortController();
    set({ busy: `opening ${id}…`, error: null, progress: {} });
    const guard = redirectGuardedFetch(); // a redirect to an origin not allowed is named
    try {
      const m = await openHubModel({
        base: get().base, id, store: modelStore(), signal: abort.signal, fetch: guard.fetch,
        onProgress: (p) => set({ progress: { ...get().progress, [p.file]: p } }),
      });
      const inspection = await inspectModel(m.folder);
      set({ opened: { kind: 'hub', path: id.trim(), folder: m.folder, inspection }, busy: null });
    } catch (e) {
      set({ busy: null, error: (e as Error).message });
    } finally {
      guard.dispose();
      abort = null;
      void get().refreshCache();
    }
  },
  cancel() {
    abort?.abort();
  },
  async refreshCache() {
    try {
      set({ cached: await modelStore().list() });
    } catch (e) {
      set({ error: `the model cache cannot be read: ${(e as Error).message}` });
    }
  },
  async deleteCached(key) {
    await modelStore().delete(key);
    await get().refreshCache();
  },
  close() {
    set({ opened: null });
  },
  dismiss() {
    set({ error: null });
  },
  async openConfigured(path) {
    const cur = get().configured;
    if (get().opened?.path === path || (cur?.path === path)) return;
    set({ configured: { path, state: 'checking' } });
    const key = modelStoreKey(path);
    const hub = !key.startsWith('local--');
    const refuse = (reason: string) => {
      if (get().configured?.path === path && useSettingsStore.getState().config.model.path === path) set({ configured: { path, state: 'refused', reason } });
    };
    try {
      const st = modelStore();
      const entry = (await st.list()).find((m) => m.key === key);
      if (!entry?.complete) {
        return refuse(`model.path ${path} is not ${entry ? 'completely ' : ''}in this browser's model cache, so its memory plan cannot be checked: `
          + (hub ? 'open it by its id in the model picker above (it downloads once)' : 'open its folder in the model picker above'));
      }
      const folder = storeFolder(st, key, path);
      const inspection = await inspectModel(folder);
      // the config moved on meanwhile (another model opened in the picker, the field edited)
      if (get().configured?.path !== path || useSettingsStore.getState().config.model.path !== path) return set({ configured: null });
      set({ opened: { kind: hub ? 'hub' : 'folder', path, folder, inspection, fromConfig: true }, configured: null });
    } catch (e) {
      refuse(`model.path ${path}: ${(e as Error).message}`);
    }
  },
}));
