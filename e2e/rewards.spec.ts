import { test, expect } from '@playwright/test';
import { LID_SENTENCES } from '../src/lrpo/rewards/lid-sentences';
import { chrF } from '../src/lrpo/rewards/chrf';
import { buildEmbeddingLookupModel, TINY_TABLE, TINY_TOKENIZER } from '../src/lrpo/rewards/embedding-fixtures';

// Reward components in the real browser build: lid.176 (fasttext wasm + model bundled by Vite) and
// chrF (and the ONNX embedding backend on a tiny authored model) run in a module Web Worker behind
// the `rewards` test hook (`?test=rewards`); nothing leaves the origin.
test('language ID, chrF and embedding similarity work in a browser worker from bundled assets only', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  const assets: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    if (/\.(wasm|ftz)(\?|$)/.test(url)) assets.push(new URL(url).pathname);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/?test=rewards');
  await page.waitForFunction(() => typeof window.__lrpoTest?.rewards === 'function');

  const langs = Object.keys(LID_SENTENCES);
  const texts = [...langs.map((l) => LID_SENTENCES[l]), 'Code:\n```js\nlet x = 1;\n```', '?!... ---- ;;;; ==== ++++'];
  const pairs: [string, string][] = [
    ['ab', 'abc'],
    ['The relationship between Obama and Netanyahu is not exactly friendly.', 'The ties between Obama and Netanyahu are not particularly friendly.'],
    ['东京 是 首都', '东京是首都'],
  ];
  const result = await page.evaluate(([t, p]) => window.__lrpoTest!.rewards!(t, p), [texts, pairs] as const);

  const detected = result.detections!.map((d) => d.lang);
  expect(detected).toEqual([...langs, 'en', null]);
  for (const d of result.detections!.slice(0, langs.length)) expect(d.prob).toBeGreaterThan(0.5);
  expect(result.chrf![0]).toBeCloseTo(7 / 11, 12);
  expect(result.chrf![1]).toBeCloseTo(0.61576379378113785, 12);
  expect(result.chrf).toEqual(pairs.map(([h, r]) => chrF(h, r)));

  // the embedding backend: onnxruntime-web (bundled wasm, WebGPU requested with wasm fallback) on a
  // tiny authored model; cosine of mean-pooled, normalized rows computed by hand from the same table
  const model = Array.from(buildEmbeddingLookupModel(TINY_TABLE));
  const emb = await page.evaluate(
    ([m, tok]) => window.__lrpoTest!.rewards!([], [], { model: m, tokenizer: tok, pairs: [['Hello world', 'Bonjour le monde']], provider: 'webgpu' }),
    [model, TINY_TOKENIZER] as const,
  );
  const unit = (ids: number[]) => {
    const v = [0, 1, 2].map((d) => ids.reduce((s, i) => s + TINY_TABLE[i][d], 0) / ids.length);
    return v.map((x) => x / Math.hypot(...v));
  };
  const [a, b] = [unit([2, 4, 5, 3]), unit([2, 6, 7, 1, 8, 3])];
  expect(emb.cosine![0]).toBeCloseTo(a[0] * b[0] + a[1] * b[1] + a[2] * b[2], 5);

  expect(assets.some((a) => a.endsWith('.ftz'))).toBe(true);
  expect(assets.some((a) => a.endsWith('.wasm'))).toBe(true);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
