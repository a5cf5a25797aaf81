// Opening hub models by id against a local server in the hub's layout (hub-test-server.ts) serving
// the qwen2-tiny fixture: progress per file, the folder opens as a model, a reopen comes from the
// cache with the server stopped; a dropped connection keeps the bytes and the next open resumes
// with a Range request; cancel and resume; a wrong sha256, a missing repository and a full store
// each give a message naming the file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLlamaFolder } from '../../engine/hf/model-folder';
import type { FileProgress } from './download-file';
import { cacheKey, hubFileUrl, parseHubId, pinnedHubRevision } from './hub-id';
import { startHubTestServer, type HubTestServer } from './hub-test-server';
import { MemoryModelStore } from './model-store';
import { openHubModel } from './open-hub-model';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));
const weights = readFileSync(`${fixtures}qwen2-tiny/model.safetensors`);
let hub: HubTestServer;
beforeAll(async () => { hub = await startHubTestServer(fixtures); });
afterAll(async () => { await hub.close(); });

describe('hub ids', () => {
  it('parses owner/name[@revision] and refuses anything else', () => {
    expect(parseHubId('Qwen/Qwen2.5-0.5B-Instruct')).toEqual({ repo: 'Qwen/Qwen2.5-0.5B-Instruct', revision: 'main' });
    expect(parseHubId('a/b@v1.0')).toEqual({ repo: 'a/b', revision: 'v1.0' });
    expect(() => parseHubId('Qwen2.5')).toThrow(/not a hub repository id/);
    expect(() => parseHubId('../x/y')).toThrow(/not a hub repository id/);
    expect(hubFileUrl('https://huggingface.co/', parseHubId('a/b@dev'), 'config.json')).toBe('https://huggingface.co/a/b/resolve/dev/config.json');
    expect(cacheKey(parseHubId('a/b'))).toBe('a--b@main');
  });
});

describe('openHubModel', () => {
  it('downloads with progress, opens as a model folder, and reopens from the cache with no server', async () => {
    const store = new MemoryModelStore();
    const progress: FileProgress[] = [];
    const m = await openHubModel({ base: hub.url, id: 'fixtures/qwen2-tiny', store, onProgress: (p) => progress.push(p) });
    expect(m.downloaded).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json', 'chat_template.jinja', 'model.safetensors']));
    const last = progress.filter((p) => p.file === 'model.safetensors').pop()!;
    expect(last).toMatchObject({ received: weights.length, total: weights.length, done: true, resumedFrom: 0 });
    expect(Buffer.from((await store.read(m.key, 'model.safetensors'))!).equals(weights)).toBe(true);
    const hf = await loadLlamaFolder(m.folder);
    expect(hf.config.architecture).toBe('Qwen2ForCausalLM');
    const listed = (await store.list())[0];
    expect(listed).toMatchObject({ key: 'fixtures--qwen2-tiny@main', complete: true });
    expect(listed.bytes).toBeGreaterThan(weights.length);
    // the server is not asked again: a fetch that always fails proves it
    const again = await openHubModel({ base: hub.url, id: 'fixtures/qwen2-tiny', store, fetch: async () => { throw new Error('offline'); } });
    expect(again.downloaded).toEqual([]);
    expect((await loadLlamaFolder(again.folder)).config.vocabSize).toBe(1024);
  });

  it('a dropped connection keeps the bytes; the next open resumes them with a Range request', async () => {
    const store = new MemoryModelStore();
    const err = (await openHubModel({ base: hub.url, id: 'flaky/qwen2-tiny', store }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^model\.safetensors: the connection (dropped after|ended after) \d+ of \d+ bytes.*try again to resume/);
    const kept = (await store.partial('flaky--qwen2-tiny@main', 'model.safetensors')).length;
    expect(kept).toBeGreaterThan(0);
    const progress: FileProgress[] = [];
    const m = await openHubModel({ base: hub.url, id: 'flaky/qwen2-tiny', store, onProgress: (p) => progress.push(p) });
    expect(progress.find((p) => p.file === 'model.safetensors')!.resumedFrom).toBe(kept);
    expect(hub.log).toContain(`GET /flaky/qwen2-tiny/resolve/main/model.safetensors bytes=${kept}-`);
    expect(m.downloaded).toEqual(['model.safetensors']); // the small files were complete already
    expect(Buffer.from((await store.read(m.key, 'model.safetensors'))!).equals(weights)).toBe(true);
  });

  it('cancel keeps what arrived; resume finishes it', async () => {
    const store = new MemoryModelStore();
    const ac = new AbortController();
    const err = (await openHubModel({
      base: hub.url, id: 'fixtures/qwen2-tiny', store, signal: ac.signal,
      onProgress: (p) => { if (p.file === 'model.safetensors') ac.abort(); },
    }).catch((e: unknown) => e)) as Error;
    expect(err.name).toBe('DownloadCancelled');
    expect(err.message).toMatch(/^model\.safetensors: download cancelled/);
    const m = await openHubModel({ base: hub.url, id: 'fixtures/qwen2-tiny', store });
    expect(Buffer.from((await store.read(m.key, 'model.safetensors'))!).equals(weights)).toBe(true);
  });

  it('refuses a wrong sha256, a missing repository, and a full store, naming the file', async () => {
    const store = new MemoryModelStore();
    await expect(openHubModel({ base: hub.url, id: 'corrupt/qwen2-tiny', store })).rejects.toThrow(/^model\.safetensors: corrupt download: its SHA-256 is [0-9a-f]{64}, the hub says 0{64}/);
    expect((await store.partial('corrupt--qwen2-tiny@main', 'model.safetensors')).length).toBe(0);
    await expect(openHubModel({ base: hub.url, id: 'nobody/nothing', store })).rejects.toThrow(/nobody\/nothing@main: no such repository or revision on .* \(config\.json answered 404\)/);
    const small = new MemoryModelStore(100_000);
    await expect(openHubModel({ base: hub.url, id: 'fixtures/qwen2-tiny', store: small })).rejects.toThrow(/^model\.safetensors: the browser's storage is full/);
  });
});

describe('a hub that redirects weights to its CDN (another origin)', () => {
  it('follows the 302 to the CDN server and verifies the file there; pinnedHubRevision names only ids with @', async () => {
    const cdn = await startHubTestServer(fixtures);
    const redirecting = await startHubTestServer(fixtures, 0, { redirectTo: cdn.url });
    try {
      const store = new MemoryModelStore();
      const m = await openHubModel({ base: redirecting.url, id: 'redirect/qwen2-tiny', store });
      expect(m.downloaded).toContain('model.safetensors');
      expect(redirecting.log).toContain('GET /redirect/qwen2-tiny/resolve/main/model.safetensors');
      expect(cdn.log).toContain('GET /fixtures/qwen2-tiny/resolve/main/model.safetensors');
      expect(cdn.log.some((l) => l.includes('config.json'))).toBe(false); // small files come from the hub itself
      expect(Buffer.from((await store.read(m.key, 'model.safetensors'))!).equals(weights)).toBe(true);
    } finally {
      await redirecting.close();
      await cdn.close();
    }
    expect(pinnedHubRevision('Qwen/X@abc')).toEqual({ repo: 'Qwen/X', revision: 'abc' });
    expect(pinnedHubRevision('Qwen/X')).toBeNull();
    expect(pinnedHubRevision('/models/x@y')).toBeNull();
  });
});
