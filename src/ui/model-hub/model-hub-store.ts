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
import { openHubModel } from '../../data/hub/open-hub-model';
import { memoryFolder, type HfFolder } from '../../engine/hf/folder';
import { inspectModel, type ModelInspection } from '../../lrpo/family/inspect-model';
import { allowConnectOrigin, endpointOrigin, isConnectAllowedNow } from '../security/connect-origins';

export const DEFAULT_HUB = 'https://huggingface.co';
const BASE_KEY = 'lrpo.hub.base';

export interface OpenedModel {
  kind: 'folder' | 'hub';
  /** the folder name, or the hub id (model.path) */
  path: string;
  folder: HfFolder;
  inspection: ModelInspection;
}

interface ModelHubState {
  base: string;
  opened: OpenedModel | null;
  busy: string | null;
  error: string | null;
  progress: Record<string, FileProgress>;
  cached: CachedModel[];
  setBase(url: string): void;
  /** the hub base's origin is allowed for this page load */
  baseAllowed(): boolean;
  allowBase(): void;
  openFolder(files: File[]): Promise<void>;
  openHub(id: string): Promise<void>;
  cancel(): void;
  refreshCache(): Promise<void>;
  deleteCached(key: string): Promise<void>;
  close(): void;
  dismiss(): void;
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
  opened: null,
  busy: null,
  error: null,
  progress: {},
  cached: [],
  setBase(url) {
    try {
      const b = hubBase(url);
      localStorage.setItem(BASE_KEY, b);
      set({ base: b, error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  baseAllowed() {
    const o = endpointOrigin(get().base);
    return 'origin' in o && isConnectAllowedNow(o.origin);
  },
  allowBase() {
    const o = endpointOrigin(get().base);
    if ('error' in o) return set({ error: o.error });
    allowConnectOrigin(o.origin);
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
      return set({ error: `connections to ${get().base} are not allowed yet: press "Allow" first (nothing leaves the page without it)` });
    }
    abort = new AbortController();
    set({ busy: `opening ${id}…`, error: null, progress: {} });
    try {
      const m = await openHubModel({
        base: get().base, id, store: modelStore(), signal: abort.signal,
        onProgress: (p) => set({ progress: { ...get().progress, [p.file]: p } }),
      });
      const inspection = await inspectModel(m.folder);
      set({ opened: { kind: 'hub', path: id.trim(), folder: m.folder, inspection }, busy: null });
    } catch (e) {
      set({ busy: null, error: (e as Error).message });
    } finally {
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
}));
