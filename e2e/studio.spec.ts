// The live training studio in Debian chromium with WebGPU: train with the tiny preset and see the
// charts, heatmap and rollouts move; pause and single-step; the configuration lives in the URL;
// replay a verl router log and scrub; every export downloads and parses; the checkpoint re-opens.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chart, collectErrors, shot, stepOf, tinyQuery, traceMainThread, waitForState, waitForStep } from './studio-helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROUTER_FIXTURE = path.join(here, 'fixtures/router/verl-router-log.jsonl');

test.describe.configure({ mode: 'serial' });

test('train with the tiny preset: charts, heatmap and rollouts move; pause, single step; exports parse', async ({ page }, testInfo) => {
  test.setTimeout(360_000);
  const errors = collectErrors(page);
  await page.goto(`/?${tinyQuery({ test: 'drills' })}#train`);
  // main-thread long tasks (> 50 ms) while training runs in the worker
  type LongTasks = { __longTasks: { start: number; ms: number }[] };
  await page.evaluate(() => {
    const w = window as unknown as LongTasks;
    w.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, ms: e.duration }))).observe({ type: 'longtask', buffered: false });
  });
  await waitForState(page, 'ready');
  await expect(page.getByTestId('adapter')).not.toHaveText(/–/);
  const loadTasks = await page.evaluate(() => (window as unknown as LongTasks).__longTasks.splice(0).map((t) => t.ms));
  console.log(`main-thread long tasks while the page loaded and the worker built the run: ${loadTasks.map(Math.round).join(', ') || 'none'} ms`);
  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 2);
  // from here on the charts only update (the first step adds their lines, once per run)
  const updatesFrom = await page.evaluate(() => performance.now());
  const stopTrace = await traceMainThread(page);
  await waitForStep(page, 4);
  await page.getByRole('button', { name: '⏸ Pause' }).click();
  await waitForState(page, 'paused');
  const tasks = await stopTrace();
  const paused = await stepOf(page);
  const longTasks = await page.evaluate(() => (window as unknown as LongTasks).__longTasks);
  const ms = (xs: number[]) => xs.map(Math.round).join(', ') || 'none';
  const updates = longTasks.filter((t) => t.start >= updatesFrom).map((t) => t.ms);
  const busiest = tasks.filter((t) => t.wallMs > 50).sort((x, y) => y.cpuMs - x.cpuMs);
  const figure = `main-thread long tasks during ${paused} training steps: ${longTasks.length} (${ms(longTasks.map((t) => t.ms))} ms); ` +
    `after step 2: ${updates.length}, longest ${Math.round(Math.max(0, ...updates))} ms; ` +
    `CPU time of those tasks (the rest of their wall time they waited for a core): ${busiest.map((t) => `${Math.round(t.cpuMs)}/${Math.round(t.wallMs)}`).join(', ') || 'none'} ms; ` +
    `adapter: ${await page.getByTestId('adapter').textContent()}`;
  testInfo.annotations.push({ type: 'figure', description: figure });
  console.log(figure);
  // A figure, not a gate (speed is measured by `npm run bench:ui`, never by a timed test): a step
  // redraws each chart on screen in its own task (src/ui/charts/draw-queue.ts).
  expect(paused).toBeGreaterThanOrEqual(3);

  // charts hold one point per step, the rollouts table the latest groups (batch 2 x n 4)
  const reward = (await chart(page, 'Reward (batch mean, min, max)'));
  await expect(reward).toHaveAttribute('data-points', String(paused));
  // one drawn line through every point (a flat reward line has zero height, so check the path)
  await expect(reward.locator('.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.]+,[\d.]+[CL]/);
  await expect(page.getByRole('table', { name: 'Rollouts' }).locator('tbody tr')).toHaveCount(8);
  await shot(page, testInfo, 'train-view.png');

  // single step: exactly one more step, then paused again
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, paused + 1);
  await waitForState(page, 'paused');
  expect(await stepOf(page)).toBe(paused + 1);

  // the router view shows the live heatmap with one frame per step
  await page.getByRole('link', { name: 'Router', exact: true }).click();
  await expect(page.locator('.heatmap-cell').first()).toBeVisible();
  await expect(page.getByTestId('scrubber-step')).toHaveText(`step ${paused + 1}`);
  const cells = await page.locator('.heatmap-cell').count();
  expect(cells).toBeGreaterThanOrEqual(15);
  await shot(page, testInfo, 'router-view-live.png');

  // exports: router.jsonl and router_state.json from the router view
  const [jsonl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export router.jsonl' }).click()]);
  const lines = readFileSync((await jsonl.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.step)).toEqual(Array.from({ length: paused + 1 }, (_, i) => i + 1));
  expect(Object.keys(lines[0].probs)[0]).toMatch(/^(topic|region):/);
  const [state] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export router_state.json' }).click()]);
  const rs = JSON.parse(readFileSync((await state.path())!, 'utf8'));
  expect(rs.step).toBe(paused + 1);
  expect(rs.tables.topic.length).toBeGreaterThan(0);

  // exports from the train view: metrics.csv, verl overrides, dataset parquet, checkpoint
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'metrics.csv' }).click()]);
  const csvLines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
  expect(csvLines[0].split(',')[0]).toBe('step');
  expect(csvLines[0]).toContain('critic/score/mean');
  expect(csvLines.length).toBe(paused + 2);
  const [ov] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'verl_overrides.txt' }).click()]);
  const overrides = readFileSync((await ov.path())!, 'utf8');
  expect(overrides).toMatch(/actor_rollout_ref\.rollout\.n=4/);
  const [pq] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Dataset (verl parquet)' }).click()]);
  const pqBytes = readFileSync((await pq.path())!);
  expect(pqBytes.subarray(0, 4).toString()).toBe('PAR1');
  expect(pqBytes.subarray(pqBytes.length - 4).toString()).toBe('PAR1');
  const [ck] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Checkpoint (.safetensors)' }).click()]);
  const ckPath = (await ck.path())!;
  const ckBytes = readFileSync(ckPath);
  const headerLen = Number(ckBytes.readBigUInt64LE(0));
  const header = JSON.parse(ckBytes.subarray(8, 8 + headerLen).toString('utf8'));
  expect(header.__metadata__.lrpo_checkpoint).toBe('1');
  expect(header['transformer.wte.weight'].shape[1]).toBe(32);

  // the checkpoint re-opens in the studio: the worker checks it, resets the run from it and confirms
  // (the "started from" line and the banner appear only on that confirmation), and it trains
  await page.getByLabel('Open checkpoint').setInputFiles({ name: 'checkpoint.safetensors', mimeType: 'application/octet-stream', buffer: ckBytes });
  await expect(page.getByTestId('checkpoint-in-use')).toContainText('started from checkpoint.safetensors', { timeout: 60_000 });
  await expect(page.getByTestId('banner')).toContainText('Started from the checkpoint checkpoint.safetensors (step 0)');
  await expect(page.getByTestId('checkpoint-error')).toHaveCount(0);
  await waitForState(page, 'ready');
  expect(await stepOf(page)).toBe(0);
  await expect(await chart(page, 'Reward (batch mean, min, max)')).toHaveAttribute('data-points', '0');
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, 1);
  expect(errors).toEqual([]);
});

test('an option changed in the editor goes into the URL and survives a reload; a bad URL parameter is named', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`/?${tinyQuery()}#train`);
  await page.getByRole('tab', { name: 'Router' }).click();
  const alpha = page.locator('#cfg-router\\.lang_policy_alpha');
  await alpha.fill('0.25');
  await alpha.press('Enter');
  await expect(page).toHaveURL(/router\.lang_policy_alpha=0\.25/);
  await alpha.fill('7');
  await alpha.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'above the allowed maximum 1' })).toBeVisible();
  await expect(page).toHaveURL(/router\.lang_policy_alpha=0\.25/);
  await page.reload();
  await page.getByRole('tab', { name: 'Router' }).click();
  await expect(page.locator('#cfg-router\\.lang_policy_alpha')).toHaveValue('0.25');
  // the update's micro-batch: its rule across options (it must divide the tiny preset's 2 x 4 responses)
  await page.getByRole('tab', { name: 'GRPO / actor' }).click();
  const micro = page.locator('#cfg-actor\\.ppo_micro_batch_size');
  await expect(micro).toHaveValue('0');
  await micro.fill('3');
  await micro.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: "must divide the mini-batch's responses" })).toBeVisible();
  await expect(page).not.toHaveURL(/ppo_micro_batch_size=3/);
  await micro.fill('4');
  await micro.press('Enter');
  await expect(page).toHaveURL(/actor\.ppo_micro_batch_size=4/);
  // the SFT's micro-batch: it must divide sft.batch_size (16 by default)
  await page.getByRole('tab', { name: 'Warm-start SFT' }).click();
  const sftMicro = page.locator('#cfg-sft\\.micro_batch_size');
  await expect(sftMicro).toHaveValue('0');
  await sftMicro.fill('3');
  await sftMicro.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'must divide sft.batch_size (16)' })).toBeVisible();
  await expect(page).not.toHaveURL(/sft\.micro_batch_size=3/);
  await sftMicro.fill('8');
  await sftMicro.press('Enter');
  await expect(page).toHaveURL(/sft\.micro_batch_size=8/);

  await page.goto(`/?${tinyQuery()}&router.lang_policy_epsilon_init=lots&bogus=1#train`);
  const problems = page.locator('.problem-list');
  await expect(problems).toContainText('URL, router.lang_policy_epsilon_init: "lots" is not a finite number; using the default 0.2');
  await expect(problems).toContainText('bogus: unknown option');
  await expect(page).not.toHaveURL(/epsilon_init=lots/);
  await expect(page).toHaveURL(/actor\.rollout_n=4/); // the good parameters are kept
  expect(errors).toEqual([]);
});

test('replay a verl router log: malformed lines listed by number, the rest scrubs', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/#router');
  await page.getByLabel('Open router JSONL').setInputFiles(ROUTER_FIXTURE);
  await expect(page.getByTestId('replay-summary')).toHaveText('verl-router-log.jsonl: 27 of 30 lines loaded, 3 malformed');
  const problems = page.locator('.problem-list');
  await expect(problems).toContainText('line 7');
  await expect(problems).toContainText('line 13, step');
  await expect(problems).toContainText('line 21, probs.region:China.effective.zh');
  await expect(page.getByTestId('scrubber-step')).toHaveText('step 30');
  // scrub to the first step: uniform distributions
  const slider = page.getByRole('slider', { name: 'Router timeline' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('scrubber-step')).toHaveText('step 1');
  await expect(page.locator('.heatmap-cell[data-row="region:China"][data-col="zh"]')).toHaveAttribute('title', 'region:China · zh: 0.0667');
  await page.keyboard.press('End');
  await expect(page.getByTestId('scrubber-step')).toHaveText('step 30');
  const late = await page.locator('.heatmap-cell[data-row="region:China"][data-col="zh"]').getAttribute('title');
  expect(Number(late!.split(': ')[1])).toBeGreaterThan(0.0667);
  await page.getByLabel('Context').selectOption('region:China');
  await expect((await chart(page, 'region:China: effective language distribution'))).toHaveAttribute('data-points', '27');
  await shot(page, testInfo, 'router-view-replay.png');

  // a file with no usable line is reported and the replay shown before is kept
  await page.getByLabel('Open router JSONL').setInputFiles({ name: 'broken.jsonl', mimeType: 'text/plain', buffer: Buffer.from('not json\n{"step": 1}\n') });
  await expect(page.getByTestId('replay-summary')).toContainText('broken.jsonl: 0 of 2 lines loaded');
  await expect(page.locator('.problem-list')).toContainText('line 2, probs');
  await expect(page.getByText('replay: verl-router-log.jsonl (27 steps)')).toBeVisible();
  expect(errors).toEqual([]);
});

test('open a run folder\'s metrics.jsonl: malformed lines listed, the rest charted', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`/?${tinyQuery()}#train`);
  const text = [
    '{"step": 1, "critic/score/mean": 0.1, "actor/entropy": 3.0}',
    '{"step": 2, "critic/score/mean": 0.2, "actor/entropy": 2.9}',
    '{"step": 3, "critic/score/mean": 0.3',
    '{"step": 4, "metrics": {"critic/score/mean": 0.4, "actor/entropy": 2.7}}',
  ].join('\n');
  await page.getByLabel('Open metrics.jsonl').setInputFiles({ name: 'metrics.jsonl', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.locator('.problem-list')).toContainText('metrics.jsonl, line 3');
  await expect((await chart(page, 'Reward (batch mean, min, max)'))).toHaveAttribute('data-points', '3');
  await expect((await chart(page, 'Entropy'))).toHaveAttribute('data-points', '3');
  expect(errors).toEqual([]);
});
