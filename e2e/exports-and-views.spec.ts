// Every export of a live run, checked for content (not just that a file arrives), and every view
// photographed. The run trains on WebGPU with the tiny preset on the dataset the Data view loaded;
// after >= 3 steps and a pause: each training-health chart has one point per step and a drawn series;
// the checkpoint reopens with the engine's loader (finite weights, moved from their init); the router
// state restores into a router whose value tables are the live ones; the router JSONL reads back to
// the live probabilities; metrics.csv holds every chart's metrics for every step; the verl parquet is
// decoded in Node (parquet-wasm) with verl's columns, one row per loaded example, matching the demo
// file's rows; the verl overrides parse back into the run's configuration.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC, type Table } from 'apache-arrow';
import { arrowToRows } from '../src/data/parquet/arrow-to-rows';
import { loadCheckpoint } from '../src/engine/checkpoint/checkpoint';
import { initParams } from '../src/engine/gpt/params';
import { fromParamMap } from '../src/engine/gpt/param-map';
import { restoreRouter } from '../src/lrpo/router/create-router';
import type { RouterState } from '../src/lrpo/router/types';
import { parseVerlOverrides } from '../src/lrpo/verl-overrides';
import { configFromQuery } from '../src/ui/url-config';
import { HEALTH_CHARTS } from '../src/ui/views/train/train-charts';
import { readRouterLog } from '../src/ui/views/router/replay/router-log-reader';
import type { RouterFrame } from '../src/ui/worker/protocol';
import { chart, collectErrors, shot, stepOf, tinyQuery, waitForState, waitForStep } from './studio-helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEMO_PARQUET = path.join(here, '../public/data/demo.parquet');
// the CommonJS build of parquet-wasm (Node), as src/data/parquet/parquet-wasm.ts uses under Node
const parquetWasm = createRequire(import.meta.url)('parquet-wasm') as { readParquet(b: Uint8Array): { intoIPCStream(): Uint8Array } };
const readParquet = (bytes: Uint8Array): Table => tableFromIPC(parquetWasm.readParquet(bytes).intoIPCStream());

type Device = { backend: string; adapterName: string; isFallbackAdapter: boolean; webgpuUnavailable?: string };
type Hook = { routerState(): RouterFrame | null; run(): { state: string; step: number; device: Device | null } };
const hook = <T>(page: Page, fn: (h: Hook) => T) => page.evaluate((src) => {
  const h = (window as unknown as { __lrpoTest: { drills: Hook } }).__lrpoTest.drills;
  return new Function('h', `return (${src})(h)`)(h);
}, fn.toString()) as Promise<T>;

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** The training-health figures of the Train view: the role figure titles and the series each draws. */
const LINE_CHARTS = [HEALTH_CHARTS[0], { id: 'per-lang', title: 'Reward per target language', series: [] }, ...HEALTH_CHARTS.slice(1)];
const HISTOGRAM = 'Advantages of the latest step';

test.describe.configure({ mode: 'serial' });

test('a WebGPU run: every health chart has data, every export holds the run, every view is photographed', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  const query = tinyQuery({ test: 'drills' });
  // the Data view loads the demo dataset; Reset sends it to the worker, so the run trains on it
  await page.goto(`/?${query}#data`);
  const usable = page.getByTestId('stat-usable').locator('b');
  await expect(usable).toHaveText(/^[1-9]\d*$/, { timeout: 60_000 });
  const loadedRows = Number(await usable.textContent());
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await waitForState(page, 'ready');
  await page.getByRole('button', { name: '↺ Reset' }).click();
  await waitForState(page, 'ready');

  // the adapter: WebGPU, not the CPU fallback backend
  const device = await hook(page, (h) => h.run().device);
  expect(device, 'the worker reported no device').not.toBeNull();
  expect(device!.backend, `training must run on a WebGPU adapter, but the studio uses the ${device!.backend} backend ` +
    `("${device!.adapterName}"): ${device!.webgpuUnavailable ?? 'no reason given'}. Is chromium started with --enable-unsafe-webgpu and a Vulkan driver?`).toBe('webgpu');
  const adapterText = (await page.getByTestId('adapter').textContent())!;
  expect(adapterText, `the adapter shown is "${adapterText}"`).toContain(device!.adapterName);
  expect(adapterText).not.toMatch(/CPU|–/);
  testInfo.annotations.push({ type: 'adapter', description: adapterText });

  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 3);
  await page.getByRole('button', { name: '⏸ Pause' }).click();
  await waitForState(page, 'paused');
  const steps = await stepOf(page);
  expect(steps).toBeGreaterThanOrEqual(3);

  // metrics.csv: one row per step, every chart's metrics as numbers
  const csv = (await download(page, 'metrics.csv')).bytes.toString('utf8').trim().split('\n').map((l) => l.split(','));
  expect(csv.length).toBe(steps + 1);
  const header = csv[0];
  expect(header[0]).toBe('step');
  expect(csv.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
  const perLang = header.filter((h) => h.startsWith('train_reward/lang/'));
  expect(perLang.length).toBeGreaterThan(0);
  const finiteCells = (key: string) => csv.slice(1).map((r) => r[header.indexOf(key)]).filter((v) => v !== '' && Number.isFinite(Number(v))).length;

  // every line chart: one point per step in its data, and exactly as many drawn points as metrics.csv
  // has values of its series (a series drawn through n points has n-1 segments after its M)
  for (const c of LINE_CHARTS) {
    const keys = c.id === 'per-lang' ? perLang : c.series.map((s) => s.key).filter((k) => header.includes(k));
    const values = keys.reduce((n, k) => n + finiteCells(k), 0);
    expect(values, `${c.title}: none of its metrics has a value in metrics.csv`).toBeGreaterThan(0);
    const fig = await chart(page, c.title);
    await expect(fig, c.title).toHaveAttribute('data-points', String(steps));
    await expect(fig.locator('.chart-empty'), `${c.title}: shows "no data yet"`).toHaveCount(0);
    await expect.poll(async () => {
      const ds = await fig.locator('.recharts-line-curve').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      return ds.reduce((n, d) => n + (/^M[\d.-]+,[\d.-]+/.test(d) ? 1 + (d.match(/[CL]/g)?.length ?? 0) : 0), 0);
    }, { message: `${c.title}: drawn points` }).toBe(values);
  }
  // the histogram: every advantage of the latest step (batch 2 x n 4) in drawn bars
  const hist = await chart(page, HISTOGRAM);
  await expect(hist).toHaveAttribute('data-points', '8');
  await expect(hist.locator('.recharts-bar-rectangle').first()).toBeVisible();
  // the KL to the reference policy starts at ~0: the reference is the start policy
  const kl = header.indexOf('actor/kl_loss');
  expect(Math.abs(Number(csv[1][kl]))).toBeLessThan(1e-6);

  // checkpoint: the engine's loader reads it; weights finite, of the tiny model, moved from their init
  const runConfig = configFromQuery(`?${query}`).config;
  const ck = await download(page, 'Checkpoint (.safetensors)');
  expect(ck.name).toBe('checkpoint.safetensors');
  const ckpt = loadCheckpoint(new Uint8Array(ck.bytes), ck.name, { requireFinite: true });
  expect(ckpt.config).toMatchObject({ nLayer: 1, nHead: 2, nEmbd: 32, blockSize: 64 });
  expect(ckpt.specialTokens).not.toBeNull();
  const trained = fromParamMap(ckpt.config, ckpt.params, 'export');
  const init = initParams(ckpt.config, runConfig.seed);
  expect(trained.length).toBe(init.length);
  expect(trained.some((w, i) => w !== init[i]), 'the exported weights are still the init weights').toBe(true);

  // dataset as verl parquet, decoded in Node: verl columns, one row per loaded example, the demo's rows
  const pq = await download(page, 'Dataset (verl parquet)');
  const table = readParquet(new Uint8Array(pq.bytes));
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
  expect(types.data_source).toBe('Utf8');
  expect(types.prompt).toBe('List<Struct<{role:Utf8, content:Utf8}>>');
  expect(types.ability).toBe('Utf8');
  expect(types.reward_model).toMatch(/^Struct<\{.*ground_truth:Utf8.*\}>$/);
  expect(types.extra_info).toMatch(/^Struct<\{.*language:Utf8.*region:List<Utf8>.*references:Struct<\{.*\}>.*\}>$/);
  expect(table.numRows).toBe(loadedRows);
  const exported = arrowToRows(table).rows;
  const demo = new Map(arrowToRows(readParquet(new Uint8Array(readFileSync(DEMO_PARQUET)))).rows.map((r) => [r.question as string, r]));
  for (const r of exported) {
    const prompt = r.prompt as { role: string; content: string }[];
    expect(prompt).toEqual([{ role: 'user', content: r.question }]);
    const src = demo.get(r.question as string);
    expect(src, `exported question not in the demo dataset: ${String(r.question).slice(0, 80)}`).toBeDefined();
    const [rm, x, sx] = [r.reward_model as Record<string, unknown>, r.extra_info as Record<string, unknown>, src!.extra_info as Record<string, unknown>];
    expect(rm.ground_truth).toBe((src!.reward_model as Record<string, unknown>).ground_truth);
    expect(r.ability).toBe(src!.ability);
    expect(x.language).toBe(sx.language);
    expect(x.region).toEqual(sx.region);
    const refs = Object.entries(x.references as Record<string, string | null>).filter(([, v]) => v !== null);
    expect(Object.fromEntries(refs)).toEqual(Object.fromEntries(Object.entries(sx.references as Record<string, string | null>).filter(([, v]) => v !== null)));
    expect(refs.length).toBeGreaterThan(0);
  }

  // verl overrides: parsed back, the same configuration the run uses
  const ov = await download(page, 'verl_overrides.txt');
  const parsed = parseVerlOverrides(ov.bytes.toString('utf8'), ov.name);
  expect(parsed.problems).toEqual([]);
  expect(parsed.config).toEqual(runConfig);

  // the Router view: router state and router JSONL of the live run
  await page.getByRole('link', { name: 'Router', exact: true }).click();
  await expect(page.getByTestId('scrubber-step')).toHaveText(`step ${steps}`);
  const live = (await hook(page, (h) => h.routerState()))!;
  expect(live.step).toBe(steps);
  const rs = JSON.parse((await download(page, 'Export router_state.json')).bytes.toString('utf8')) as RouterState;
  expect(rs.step).toBe(steps);
  expect(rs.tables.topic.length).toBeGreaterThan(0);
  const restored = restoreRouter(runConfig.router, rs);
  expect(restored.getState()).toEqual(rs);
  const snap = restored.snapshot();
  const asRecord = (rows: [string, number[]][]) => Object.fromEntries(rows.map(([k, v]) => [k, Object.fromEntries(snap.languages.map((l, i) => [l, v[i]]))]));
  expect(asRecord(snap.topic)).toEqual(live.values!.topic);
  expect(asRecord(snap.region)).toEqual(live.values!.region);
  const jsonl = await download(page, 'Export router.jsonl');
  const log = readRouterLog(jsonl.bytes.toString('utf8'), jsonl.name);
  expect(log.problems).toEqual([]);
  expect(log.frames.map((f) => f.step)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
  expect(log.frames.at(-1)!.probs).toEqual(live.probs);

  // screenshots of every view
  const views: [string, string][] = [['Data', 'data'], ['Train', 'train'], ['Router', 'router'], ['Router playground', 'playground'], ['Evaluate (CARE)', 'evaluate']];
  for (const [link, id] of views) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Loading view…')).toHaveCount(0);
    await shot(page, testInfo, `view-${id}.png`);
  }
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(errors).toEqual([]);
});

test('a metrics.jsonl line that is not UTF-8 is listed by number; the other lines are charted', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`/?${tinyQuery()}#train`);
  const lines = [
    Buffer.from('{"step": 1, "critic/score/mean": 0.1}\n'),
    Buffer.concat([Buffer.from('{"step": 2, "critic/score/mean": 0.2, "note": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]),
    Buffer.from('{"step": 3, "critic/score/mean": 0.3}\n'),
  ];
  await page.getByLabel('Open metrics.jsonl').setInputFiles({ name: 'latin1.jsonl', mimeType: 'text/plain', buffer: Buffer.concat(lines) });
  const problems = page.locator('.problem-list');
  await expect(problems).toContainText('latin1.jsonl, line 2');
  await expect(problems).toContainText('not valid UTF-8');
  await expect(await chart(page, HEALTH_CHARTS[0].title)).toHaveAttribute('data-points', '2');
  expect(errors).toEqual([]);
});
