// Nothing lost, in the browser: reload mid-run and resume at the saved step with identical router
// tables; destroy the WebGPU device mid-run and see the studio recover from the last save; inject a
// NaN gradient through the real update path and see the step skipped and counted.
import { test, expect, type Page } from '@playwright/test';
import { chart, collectErrors, shot, stepOf, tinyQuery, waitForState, waitForStep } from './studio-helpers';

test.describe.configure({ mode: 'serial' });

type Hook = {
  injectFault(kind?: string): void;
  loseDevice(): void;
  routerState(): { step: number; probs: unknown; values?: unknown } | null;
  run(): { state: string; step: number; faults: number };
};
const hook = <T>(page: Page, fn: (h: Hook) => T) => page.evaluate((src) => {
  const h = (window as unknown as { __lrpoTest: { drills: Hook } }).__lrpoTest.drills;
  return new Function('h', `return (${src})(h)`)(h);
}, fn.toString()) as Promise<T>;

async function freshStart(page: Page, extra: Record<string, string> = {}) {
  await page.goto(`/?${tinyQuery({ test: 'drills', ...extra })}#train`);
  await waitForState(page, 'ready');
  // a previous test's save would be offered; start clean
  await page.getByRole('button', { name: '↺ Reset' }).click();
  await waitForState(page, 'ready');
}

test('reload mid-run: the studio offers the save and resumes at that step with identical router tables', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await freshStart(page); // save_freq 2 in the tiny preset
  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 3);
  await page.getByRole('button', { name: '⏸ Pause' }).click(); // pause also saves
  await waitForState(page, 'paused');
  const step = await stepOf(page);
  await expect(page.getByText(`step ${step}`, { exact: true }).first()).toBeVisible(); // last autosave
  const before = await hook(page, (h) => h.routerState());
  expect(before!.step).toBe(step);

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: `saved in this browser at step ${step}` })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Resume it' }).click();
  await expect(page.getByTestId('banner')).toContainText(`Resumed from the save at step ${step}`, { timeout: 120_000 });
  expect(await stepOf(page)).toBe(step);
  const after = await hook(page, (h) => h.routerState());
  expect(after).toEqual(before);
  await shot(page, testInfo, 'resumed.png');
  // and it carries on from there
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, step + 1);
  expect(errors).toEqual([]);
});

test('single steps from a paused run are saved: a reload resumes at the single-stepped step', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await freshStart(page, { 'trainer.save_freq': '0' }); // no every-N autosave: only the single-step saves count
  for (let i = 1; i <= 2; i++) {
    await page.getByRole('button', { name: '⏭ Single step' }).click();
    await waitForStep(page, i);
    await waitForState(page, 'paused');
  }
  await expect(page.getByRole('list', { name: 'Run log' })).toContainText('saved at step 2');
  const before = await hook(page, (h) => h.routerState());
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'saved in this browser at step 2' })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Resume it' }).click();
  await expect(page.getByTestId('banner')).toContainText('Resumed from the save at step 2', { timeout: 120_000 });
  expect(await stepOf(page)).toBe(2);
  expect(await hook(page, (h) => h.routerState())).toEqual(before);
  expect(errors).toEqual([]);
});

test('an injected NaN gradient is skipped, counted on the chart and in the log', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await freshStart(page);
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, 1);
  await waitForState(page, 'paused');
  await hook(page, (h) => h.injectFault('nan-grad'));
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, 2);
  await expect(page.getByTestId('fault-count')).toHaveText('1 skipped update');
  await expect(page.getByRole('list', { name: 'Run log' })).toContainText('step 2: update skipped (weights kept)');
  await expect((await chart(page, /Skipped updates/))).toHaveAttribute('data-points', '2');
  expect(errors).toEqual([]);
});

test('repeated faults pause the run with a message', async ({ page }) => {
  test.setTimeout(240_000);
  await freshStart(page, { 'trainer.max_consecutive_faults': '2' });
  for (let i = 1; i <= 2; i++) {
    await hook(page, (h) => h.injectFault('nan-grad'));
    await page.getByRole('button', { name: '⏭ Single step' }).click();
    await waitForStep(page, i);
  }
  await expect(page.getByTestId('banner')).toContainText('2 consecutive steps with non-finite loss or gradient');
});

test('device loss mid-run: the studio says so, recreates the device, reloads the last save and carries on', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await freshStart(page);
  // this project's CI always has WebGPU (chromium on SwiftShader): a CPU fallback is a broken setup, not a skip
  const status = (await page.locator('.status-bar').textContent()) ?? '';
  const adapter = await page.getByTestId('adapter').textContent();
  expect(status, `the device-loss drill needs the WebGPU backend, but the studio runs on: ${adapter} (${status})`).toMatch(/WEBGPU/);
  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 3); // autosaved at step 2 (save_freq 2)
  await hook(page, (h) => h.loseDevice());
  await expect(page.getByRole('list', { name: 'Run log' })).toContainText('device lost', { timeout: 60_000 });
  await expect(page.getByTestId('banner')).toContainText('Recovered from the device loss', { timeout: 120_000 });
  // the run resumed exactly at the last save made before the recovery (as the log recorded them)
  const log = (await page.getByRole('list', { name: 'Run log' }).locator('li').allTextContents()).reverse();
  const rec = log.findIndex((l) => /recovered: continuing from the save at step \d+/.test(l));
  expect(rec, `no recovery line in the log:\n${log.join('\n')}`).toBeGreaterThan(-1);
  const resumedAt = Number(/the save at step (\d+)/.exec(log[rec])![1]);
  const lost = log.findIndex((l) => l.includes('device lost'));
  const saves = log.slice(0, rec).flatMap((l) => /saved at step (\d+)/.exec(l)?.[1] ?? []).map(Number);
  expect(lost).toBeLessThan(rec);
  expect(saves.length, 'no save was logged before the device loss').toBeGreaterThan(0);
  expect(resumedAt).toBe(saves[saves.length - 1]);
  expect(resumedAt).toBeGreaterThanOrEqual(2);
  expect(await page.getByTestId('banner').textContent()).toContain(`continuing from step ${resumedAt} (the last save)`);
  await waitForStep(page, resumedAt + 1);
  await page.getByRole('button', { name: '⏸ Pause' }).click();
  await shot(page, testInfo, 'device-recovered.png');
  expect(errors).toEqual([]);
});
