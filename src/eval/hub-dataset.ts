// Opening a dataset repository from a Hugging Face-style hub (or a mirror) that the user allowed:
// the file list from /api/datasets/{repo}/tree/{revision}?recursive=true and each file from
// /datasets/{repo}/resolve/{revision}/{path}. Fetched files go through a cache (the browser's
// Cache Storage in the studio) so a dataset is downloaded once. Fetch and cache are passed in.
import { benchmarkFilePaths, type BenchmarkFile } from './benchmark';

export interface HubDatasetRef {
  /** e.g. https://huggingface.co */
  baseUrl: string;
  /** owner/name */
  repo: string;
  revision: string;
}

export interface BytesCache {
  get(url: string): Promise<Uint8Array | undefined>;
  put(url: string, bytes: Uint8Array): Promise<void>;
}

type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; arrayBuffer(): Promise<ArrayBuffer> }>;

const REPO = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/** Checks a reference; returns the problem in words, or null. */
export function checkHubRef(ref: HubDatasetRef): string | null {
  try {
    const u = new URL(ref.baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return `the hub URL must be http or https, not ${u.protocol}`;
  } catch {
    return `'${ref.baseUrl}' is not a URL (expected e.g. https://huggingface.co)`;
  }
  if (!REPO.test(ref.repo)) return `'${ref.repo}' is not a repository name (expected owner/name, e.g. geyang627/care_pro)`;
  if (!ref.revision.trim() || /[\s?#]/.test(ref.revision)) return `'${ref.revision}' is not a revision (a branch, tag or commit)`;
  return null;
}

const base = (u: string) => u.replace(/\/+$/, '');
const encPath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

export function hubTreeUrl(ref: HubDatasetRef): string {
  return `${base(ref.baseUrl)}/api/datasets/${ref.repo}/tree/${encodeURIComponent(ref.revision)}?recursive=true`;
}

export function hubFileUrl(ref: HubDatasetRef, path: string): string {
  return `${base(ref.baseUrl)}/datasets/${ref.repo}/resolve/${encodeURIComponent(ref.revision)}/${encPath(path)}`;
}

export interface HubFiles {
  files: BenchmarkFile[];
  /** files read from the cache instead of the network */
  cached: number;
}

/** Lists the repository's readable data files and fetches them (through the cache). Throws with a message on failure. */
export async function fetchHubDataset(ref: HubDatasetRef, fetchFn: Fetch, cache: BytesCache | null, signal?: AbortSignal): Promise<HubFiles> {
  const bad = checkHubRef(ref);
  if (bad) throw new Error(bad);
  const treeUrl = hubTreeUrl(ref);
  const res = await fetchFn(treeUrl, { signal });
  if (!res.ok) throw new Error(`${treeUrl}: HTTP ${res.status}${res.status === 401 || res.status === 404 ? ' (is the repository public and the name right?)' : ''}`);
  const tree = await res.json();
  if (!Array.isArray(tree)) throw new Error(`${treeUrl}: expected a JSON list of files`);
  const paths = benchmarkFilePaths(
    tree.filter((e): e is { type: string; path: string } => !!e && typeof e === 'object' && (e as { type?: unknown }).type === 'file' && typeof (e as { path?: unknown }).path === 'string').map((e) => e.path),
  );
  if (!paths.length) throw new Error(`${ref.repo}@${ref.revision} has no .json, .jsonl, .parquet, .csv or .tsv files`);
  const files: BenchmarkFile[] = [];
  let cached = 0;
  for (const path of paths) {
    const url = hubFileUrl(ref, path);
    let bytes = await cache?.get(url).catch(() => undefined);
    if (bytes) cached++;
    else {
      const r = await fetchFn(url, { signal });
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      bytes = new Uint8Array(await r.arrayBuffer());
      await cache?.put(url, bytes).catch(() => undefined);
    }
    files.push({ path, bytes });
  }
  return { files, cached };
}
