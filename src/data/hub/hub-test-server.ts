// Test helper (Node): a local server in the Hugging Face hub's URL layout,
// /{owner}/{name}/resolve/{revision}/{file}, serving ../shared/fixtures model folders with the
// headers the hub sends (Content-Length, Accept-Ranges, ETag, and for weights X-Linked-Etag with
// the sha256 and X-Linked-Size), HTTP Range requests (206 + Content-Range), and misbehaving repos:
// `flaky/*` drops the connection half-way through model.safetensors on its first request,
// `corrupt/*` sends a wrong sha256, `redirect/*` answers weights with a 302 to another server
// (`redirectTo`, e.g. a second instance on another port standing for the hub's CDN, which serves them
// as `fixtures/*`) as huggingface.co does; anything else answers 404. Also used by the e2e tests.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

export interface HubTestServer {
  url: string;
  server: Server;
  /** requests seen (method, path, range) */
  log: string[];
  close(): Promise<void>;
}

export async function startHubTestServer(fixturesDir: string, port = 0, opts: { redirectTo?: string } = {}): Promise<HubTestServer> {
  const log: string[] = [];
  const dropped = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    log.push(`${req.method} ${url.pathname}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Range');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, ETag, X-Linked-Etag, X-Linked-Size, Accept-Ranges');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const m = /^\/(\w[\w.-]*)\/([\w.-]+)\/resolve\/([\w.-]+)\/([\w.-]+)$/.exec(url.pathname);
    const owner = m?.[1];
    const file = m ? path.join(fixturesDir, m[2], m[4]) : '';
    const owners = ['fixtures', 'flaky', 'corrupt', ...(opts.redirectTo ? ['redirect'] : [])];
    if (!m || !owners.includes(owner!) || m[3] !== 'main' || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'X-Error-Code': 'EntryNotFound' }).end('Entry not found');
      return;
    }
    const bytes = readFileSync(file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const lfs = file.endsWith('.safetensors');
    const headers: Record<string, string> = { 'Accept-Ranges': 'bytes', ETag: lfs ? `"${sha}"` : `"${createHash('sha1').update(bytes).digest('hex')}"`, 'Content-Type': 'application/octet-stream' };
    if (lfs) {
      headers['X-Linked-Etag'] = owner === 'corrupt' ? `"${'0'.repeat(64)}"` : `"${sha}"`;
      headers['X-Linked-Size'] = String(bytes.length);
    }
    if (owner === 'redirect' && lfs) {
      headers.Location = `${opts.redirectTo}/fixtures/${m[2]}/resolve/main/${m[4]}`;
      delete headers['Content-Type'];
      return void res.writeHead(302, headers).end();
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      start = Number(range[1]);
      if (start >= bytes.length) return void res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}` }).end();
      headers['Content-Range'] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    }
    const body = bytes.subarray(start);
    headers['Content-Length'] = String(body.length);
    res.writeHead(range ? 206 : 200, headers);
    if (owner === 'flaky' && lfs && !dropped.has(url.pathname)) {
      dropped.add(url.pathname);
      // time for the client to read what was sent before the reset (a reset may discard unread bytes)
      res.write(body.subarray(0, body.length >> 1), () => setTimeout(() => res.destroy(), 300));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  return { url, server, log, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
