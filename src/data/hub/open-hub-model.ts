// A Hugging Face hub repository (owner/name[@revision]) downloaded into a ModelStore and opened as
// an HfFolder: config.json first (a repository that does not exist stops there), then the
// tokenizer and template files the hub may have, then the weights (model.safetensors, or the shards
// model.safetensors.index.json lists), one file at a time with progress. Files already complete in
// the store are not fetched again, so a cached model opens with no network at all; a cancelled or
// dropped download resumes where it stopped. Only the hub base the user allowed is contacted.

import type { HfFolder } from '../../engine/hf/folder';
import { downloadFile, type FileProgress } from './download-file';
import { cacheKey, hubFileUrl, parseHubId, type HubRef } from './hub-id';
import type { ModelStore } from './model-store';

/** fetched when present (a 404 is fine) */
const OPTIONAL_FILES = ['generation_config.json', 'tokenizer_config.json', 'chat_template.jinja', 'special_tokens_map.json'];
const INDEX = 'model.safetensors.index.json';

export interface OpenHubOptions {
  base: string;
  id: string;
  store: ModelStore;
  signal?: AbortSignal;
  onProgress?: (p: FileProgress) => void;
  fetch?: typeof fetch;
}

export interface HubModel {
  ref: HubRef;
  key: string;
  folder: HfFolder;
  /** files fetched over the network this time (empty when it all came from the cache) */
  downloaded: string[];
}

/** The files the store holds for the model, as a folder (null for a file it does not hold). */
export function storeFolder(store: ModelStore, key: string, label: string): HfFolder {
  return { label, read: (name) => store.read(key, name) };
}

export async function openHubModel(o: OpenHubOptions): Promise<HubModel> {
  const ref = parseHubId(o.id);
  const key = cacheKey(ref);
  const label = `${ref.repo}@${ref.revision}`;
  const downloaded: string[] = [];
  const cached = (await o.store.list()).find((m) => m.key === key);
  if (cached?.complete) return { ref, key, folder: storeFolder(o.store, key, label), downloaded };
  const get = async (name: string, optional = false): Promise<boolean> => {
    if (await o.store.read(key, name)) return true;
    const ok = await downloadFile({ url: hubFileUrl(o.base, ref, name), store: o.store, key, name, signal: o.signal, onProgress: o.onProgress, fetch: o.fetch, optional });
    if (ok) downloaded.push(name);
    return ok;
  };
  try {
    await get('config.json');
  } catch (e) {
    if (/not found at/.test((e as Error).message)) throw new Error(`${label}: no such repository or revision on ${o.base} (config.json answered 404)`);
    throw e;
  }
  await get('tokenizer.json');
  for (const f of OPTIONAL_FILES) await get(f, true);
  if (await get(INDEX, true)) {
    const index = JSON.parse(new TextDecoder().decode((await o.store.read(key, INDEX))!)) as { weight_map?: Record<string, string> };
    const shards = [...new Set(Object.values(index.weight_map ?? {}))].sort();
    if (!shards.length) throw new Error(`${label}/${INDEX}: no weight_map`);
    for (const s of shards) {
      if (!/^[\w.-]+\.safetensors$/.test(s)) throw new Error(`${label}/${INDEX}: shard name ${JSON.stringify(s)} is not a file of the repository`);
      await get(s);
    }
  } else {
    await get('model.safetensors');
  }
  await o.store.markComplete(key);
  return { ref, key, folder: storeFolder(o.store, key, label), downloaded };
}
