// The worker's session factory with the studio's own public files (fetch is served from public/,
// plus a broken checkpoint folder made here): the warm start is the bundled demo checkpoint, the KL
// reference policy sits on the policy's backend (WebGPU through Dawn offered as navigator.gpu, and the
// CPU backend), and a warm-start checkpoint with a NaN weight is refused naming the file and tensor.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getGpu } from '../../engine/backend';
import { checkpointToFiles, loadCheckpoint } from '../../engine/checkpoint/checkpoint';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { createSession } from './session-factory';

const PUBLIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public');
const BASE = 'http://studio.test/';
const DEMO = 'models/demo-sft';

/** fetch from public/, with `extra` files (path -> bytes) laid over it */
function serve(extra: Map<string, Uint8Array> = new Map()) {
  vi.stubGlobal('fetch', async (url: string) => {
    const p = decodeURIComponent(new URL(url).pathname.slice(1));
    let bytes = extra.get(p);
    if (!bytes) {
      try {
        bytes = new Uint8Array(readFileSync(path.join(PUBLIC, p)));
      } catch {
        return new Response(null, { status: 404, statusText: 'Not Found' });
      }
    }
    return new Response(bytes as Uint8Array<ArrayBuffer>);
  });
}

function config(backend: RunConfig['backend']): RunConfig {
  const c = defaultRunConfig();
  c.backend = backend;
  return c;
}
const inputs = { examples: [], checkpoint: null, calibration: null, baseUrl: BASE };
const demoFiles = () => new Map(['config.json', 'model.safetensors', 'special_tokens.json'].map((f) => [f, new Uint8Array(readFileSync(path.join(PUBLIC, DEMO, f)))]));

afterEach(() => vi.unstubAllGlobals());

describe('createSession', () => {
  it('CPU backend: policy and KL reference on the CPU, the reference holding the warm-start weights', async () => {
    serve();
    const s = await createSession(config('cpu'), inputs);
    try {
      expect([s.device.backend, s.model.backend, s.run.reference?.backend]).toEqual(['cpu', 'cpu', 'cpu']);
      const warm = loadCheckpoint(demoFiles(), DEMO);
      const ref = await s.run.reference!.exportParams();
      for (const [k, t] of warm.params) expect(ref.get(k)!.data, k).toEqual(t.data);
      expect(s.examples.length).toBeGreaterThan(0);
    } finally {
      s.dispose();
    }
  });

  it('WebGPU backend: the KL reference is a WebGPU model on the policy device', async () => {
    serve();
    vi.stubGlobal('navigator', { gpu: await getGpu() });
    const s = await createSession(config('webgpu'), inputs);
    try {
      expect(s.device.webgpuUnavailable).toBeUndefined();
      expect([s.device.backend, s.model.backend, s.run.reference?.backend]).toEqual(['webgpu', 'webgpu', 'webgpu']);
      const ctx = (m: unknown) => (m as { ctx?: unknown }).ctx;
      expect(ctx(s.run.reference)).toBe(ctx(s.model));
    } finally {
      s.dispose();
    }
    await expect(s.lost).resolves.toMatch(/destroy/i); // dispose destroyed the device the two shared
  });

  it('a warm-start checkpoint with a NaN weight is refused, naming the file and the tensor', async () => {
    const ckpt = loadCheckpoint(demoFiles(), DEMO);
    ckpt.params.get('transformer.h.1.attn.c_proj.weight')!.data[5] = NaN;
    const extra = new Map([...checkpointToFiles(ckpt)].map(([f, b]) => [`models/broken/${f}`, b] as const));
    serve(extra);
    const c = config('cpu');
    c.model.checkpoint = 'models/broken';
    await expect(createSession(c, inputs)).rejects.toThrow(
      /^models\/broken\/model\.safetensors: tensor 'transformer\.h\.1\.attn\.c_proj\.weight': 1 non-finite value of \d+ \(1 NaN; the first at index 5\)/,
    );
  });

  it('refuses what the browser cannot read, and the run refuses what does not fit, each with its field', async () => {
    serve();
    const disk = config('cpu');
    disk.model.checkpoint = '/';
    disk.data.train_files = 'C:\\runs\\train.parquet';
    await expect(createSession(disk, inputs)).rejects.toThrow(/^the run cannot start in the browser: field data\.train_files: C:\\runs\\train\.parquet is a path on your disk/);
    const tooLong = config('cpu');
    tooLong.data.max_response_length = 100; // 80 + 100 > the warm start's block size 128
    await expect(createSession(tooLong, inputs)).rejects.toThrow(/the run cannot start: field data\.max_response_length: .*exceeds the model's block size 128/);
    const noVal = config('cpu');
    noVal.trainer.test_freq = 2;
    noVal.data.val_files = '';
    await expect(createSession(noVal, inputs)).rejects.toThrow(/field data\.val_files: is required when trainer\.test_freq > 0/);
  });
});
