// Opens CARE (Pro) as published, from a folder the user picks or from a hub the user allowed
// (the same allow-an-origin step as judge endpoints: the page reloads once to apply it). Files
// fetched from a hub are kept in the browser's Cache Storage, so the dataset is downloaded once.
import { mergeBenchmarkFiles, type BenchmarkFile } from '../../../eval/benchmark';
import { checkHubRef, fetchHubDataset, type BytesCache, type HubDatasetRef } from '../../../eval/hub-dataset';
import { isConnectAllowedNow } from '../../security/connect-origins';
import { useEvalStore } from '../../store/eval-store';

const CACHE = 'lrpo-hub-datasets';
const REF_KEY = 'lrpo.benchmark.hubRef';

const DEFAULT_REF: HubDatasetRef = { baseUrl: 'https://huggingface.co', repo: 'geyang627/care_pro', revision: 'main' };

export function savedHubRef(): HubDatasetRef {
  try {
    const v = JSON.parse(localStorage.getItem(REF_KEY) ?? 'null');
    if (v && typeof v.baseUrl === 'string' && typeof v.repo === 'string' && typeof v.revision === 'string') return v;
  } catch {
    /* fall through */
  }
  return DEFAULT_REF;
}

function saveHubRef(ref: HubDatasetRef): void {
  localStorage.setItem(REF_KEY, JSON.stringify(ref));
}

/** Cache Storage where the page has it (secure contexts), else no cache. */
function bytesCache(): BytesCache | null {
  if (typeof caches === 'undefined') return null;
  return {
    async get(url) {
      const r = await (await caches.open(CACHE)).match(url);
      return r ? new Uint8Array(await r.arrayBuffer()) : undefined;
    },
    async put(url, bytes) {
      await (await caches.open(CACHE)).put(url, new Response(bytes.slice().buffer as ArrayBuffer));
    },
  };
}

export type BenchmarkStatus = { level: 'info' | 'warn' | 'error'; text: string } | null;

async function loadMerged(name: string, files: BenchmarkFile[], how: string): Promise<BenchmarkStatus> {
  const merged = await mergeBenchmarkFiles(files);
  if (!merged.records) {
    return { level: 'error', text: `No records in ${files.map((f) => f.path).join(', ')}${merged.problems.length ? `: ${merged.problems[0].reason}` : ''}` };
  }
  await useEvalStore.getState().loadFile(name, merged.bytes, { questionsOnly: true });
  const st = useEvalStore.getState();
  if (st.loadError) return { level: 'error', text: 'The merged file could not be used (see the problems above).' };
  const langs = merged.files.filter((f) => f.languageFromName).map((f) => `${f.path} → ${f.languageFromName}`);
  return {
    level: merged.problems.length ? 'warn' : 'info',
    text:
      `${how}: ${merged.records} records from ${merged.files.length} file${merged.files.length === 1 ? '' : 's'} (${merged.files.map((f) => `${f.path} ${f.records}`).join(', ')}).` +
      (langs.length ? ` Language from the file name: ${langs.join(', ')}.` : '') +
      (merged.problems.length ? ` ${merged.problems.length} problem${merged.problems.length === 1 ? '' : 's'}: ${merged.problems.slice(0, 3).map((p) => `${p.file}: ${p.reason}`).join('; ')}.` : ''),
  };
}

export async function openBenchmarkFolder(list: FileList | File[]): Promise<BenchmarkStatus> {
  const files: BenchmarkFile[] = [];
  for (const f of Array.from(list)) {
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (!/\.(json|jsonl|ndjson|parquet|pq|csv|tsv)$/i.test(path) || /(^|\/)\./.test(path)) continue;
    files.push({ path, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  if (!files.length) return { level: 'error', text: 'The folder has no .json, .jsonl, .parquet, .csv or .tsv files.' };
  files.sort((a, b) => a.path.localeCompare(b.path));
  const root = files[0].path.includes('/') ? files[0].path.split('/')[0] : 'benchmark';
  return loadMerged(`${root}.jsonl`, files, `Opened the folder ${root}`);
}

/** Opens a hub dataset; asks for the origin to be allowed first (returns needsAllow). */
export async function openHubDataset(ref: HubDatasetRef): Promise<BenchmarkStatus | { needsAllow: string }> {
  const bad = checkHubRef(ref);
  if (bad) return { level: 'error', text: bad };
  saveHubRef(ref);
  const origin = new URL(ref.baseUrl).origin;
  if (!isConnectAllowedNow(origin)) return { needsAllow: origin };
  try {
    const { files, cached } = await fetchHubDataset(ref, (u, init) => fetch(u, init), bytesCache());
    const name = `${ref.repo.replace('/', '__')}@${ref.revision}.jsonl`;
    const status = await loadMerged(name, files, `Opened ${ref.repo}@${ref.revision} (${cached} of ${files.length} files from the browser cache)`);
    return status;
  } catch (e) {
    const msg = (e as Error).message;
    // a CSP refusal or a network failure reads as a bare TypeError; hubs often redirect file downloads to a CDN origin
    const hint = e instanceof TypeError
      ? ' (the request was refused or failed: is the hub reachable, does it send CORS headers, and does it redirect downloads to another origin that must be allowed too?)'
      : '';
    return { level: 'error', text: `Could not open ${ref.repo}: ${msg}${hint}` };
  }
}
