// One file from the hub into a ModelStore: resumes what an earlier attempt received with an HTTP
// Range request (a server that answers 200 instead of 206 restarts it), reports bytes, speed and
// time left, stops on an AbortSignal (the partial file stays for the next attempt), and verifies
// the result: its size against Content-Length / Content-Range / X-Linked-Size, and its SHA-256
// against X-Linked-Etag (the hub sends the LFS object's sha256 for weights) or an ETag that is a
// sha256. Every failure names the file.

import { concat, type ModelStore } from './model-store';

export interface FileProgress {
  file: string;
  received: number;
  /** null when the server did not say */
  total: number | null;
  /** bytes per second over the last seconds */
  speed: number;
  /** seconds left at that speed (null when unknown) */
  eta: number | null;
  /** resumed from this many bytes of an earlier attempt */
  resumedFrom: number;
  done: boolean;
}

export interface DownloadFileOptions {
  url: string;
  store: ModelStore;
  key: string;
  name: string;
  signal?: AbortSignal;
  onProgress?: (p: FileProgress) => void;
  fetch?: typeof fetch;
  /** a 404 is not an error (optional files); returns false then */
  optional?: boolean;
  now?: () => number;
}

const SHA = /^"?(?:W\/)?"?([0-9a-f]{64})"?$/i;

/** The sha256 the hub gives for the file, when it gives one. */
function expectedSha256(h: Headers): string | null {
  for (const name of ['x-linked-etag', 'etag']) {
    const v = h.get(name);
    const m = v ? SHA.exec(v.trim()) : null;
    if (m) return m[1].toLowerCase();
  }
  return null;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function totalSize(res: Response, start: number): number | null {
  const range = res.headers.get('content-range');
  const m = range ? /\/(\d+)\s*$/.exec(range) : null;
  if (m) return Number(m[1]);
  const linked = res.headers.get('x-linked-size');
  if (linked && /^\d+$/.test(linked)) return Number(linked);
  const len = res.headers.get('content-length');
  if (len && /^\d+$/.test(len)) return start + Number(len);
  return null;
}

/** Downloads (or resumes) the file; resolves true when it is complete and verified in the store. */
export async function downloadFile(o: DownloadFileOptions): Promise<boolean> {
  const f = o.fetch ?? fetch;
  const now = o.now ?? (() => performance.now());
  const have = await o.store.partial(o.key, o.name);
  const headers: Record<string, string> = have.length ? { Range: `bytes=${have.length}-` } : {};
  let res: Response;
  try {
    res = await f(o.url, { headers, signal: o.signal, cache: 'no-store' });
  } catch (e) {
    if (o.signal?.aborted) throw new DownloadCancelled(o.name, have.length);
    if (e instanceof ConnectionBlocked) throw new ConnectionBlocked(`${o.name}: ${e.message}`);
    throw new Error(`${o.name}: the connection to ${new URL(o.url).origin} failed (${(e as Error).message}); ${have.length ? `${have.length} bytes are kept, ` : ''}try again to resume`);
  }
  if (res.status === 404) {
    if (o.optional) return false;
    throw new Error(`${o.name}: not found at ${o.url} (404): is the repository id, revision and file right?`);
  }
  if (res.status === 401 || res.status === 403) throw new Error(`${o.name}: the hub refused access (${res.status}); gated or private repositories need a token, which the studio does not send`);
  if (res.status === 416 && have.length) {
    // the partial is already the whole file (or longer): start over
    await o.store.discardPartial(o.key, o.name);
    return downloadFile(o);
  }
  if (res.status !== 200 && res.status !== 206) throw new Error(`${o.name}: the hub answered ${res.status} ${res.statusText}`);
  let start = have.length;
  if (res.status === 200 && start > 0) {
    await o.store.discardPartial(o.key, o.name); // no Range support: from the start
    start = 0;
  }
  const total = totalSize(res, start);
  const sha = expectedSha256(res.headers);
  let received = start;
  const window: { t: number; n: number }[] = [{ t: now(), n: received }];
  const report = (done: boolean) => {
    const t = now();
    window.push({ t, n: received });
    while (window.length > 2 && t - window[0].t > 3000) window.shift();
    const dt = (t - window[0].t) / 1000;
    const speed = dt > 0 ? (received - window[0].n) / dt : 0;
    o.onProgress?.({ file: o.name, received, total, speed, eta: total !== null && speed > 0 ? (total - received) / speed : null, resumedFrom: start, done });
  };
  report(false);
  if (!res.body) throw new Error(`${o.name}: the response has no body`);
  const reader = res.body.getReader();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pendingBytes) return;
    const chunk = concat(pending);
    pending = [];
    pendingBytes = 0;
    await o.store.append(o.key, o.name, chunk);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending.push(value);
      pendingBytes += value.length;
      received += value.length;
      if (pendingBytes >= 1 << 22) await flush(); // 4 MiB at a time: a drop loses at most that
      report(false);
    }
    await flush();
  } catch (e) {
    await flush().catch(() => undefined);
    if (o.signal?.aborted) throw new DownloadCancelled(o.name, received);
    if ((e as Error).name === 'StorageFullError' || /storage is full/.test((e as Error).message)) throw e;
    throw new Error(`${o.name}: the connection dropped after ${received}${total !== null ? ` of ${total}` : ''} bytes (${(e as Error).message}); the bytes received are kept: try again to resume`);
  }
  if (total !== null && received !== total) {
    throw new Error(`${o.name}: the connection ended after ${received} of ${total} bytes; the bytes received are kept: try again to resume`);
  }
  if (sha) {
    const got = await sha256Hex(await o.store.partial(o.key, o.name));
    if (got !== sha) {
      await o.store.discardPartial(o.key, o.name);
      throw new Error(`${o.name}: corrupt download: its SHA-256 is ${got}, the hub says ${sha}; the file was discarded, try again`);
    }
  }
  await o.store.commit(o.key, o.name);
  report(true);
  return true;
}

export class DownloadCancelled extends Error {
  constructor(readonly file: string, readonly received: number) {
    super(`${file}: download cancelled after ${received} bytes (kept; resume to continue)`);
    this.name = 'DownloadCancelled';
  }
}

/** The page's connection policy refused the request (e.g. the hub redirected to an origin not allowed); the message says what to allow. */
export class ConnectionBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionBlocked';
  }
}
