// The Teaching view: the Teaching demo preset runs a few steps in the studio; the walk-through
// steps through every panel with numbers that match the step report (the Train view's rollouts
// table of the same step); a rollout opens in the inspector; a saved CLI run folder walks too.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { teachingDemo } from '../src/lrpo/presets';
import { PANEL_IDS } from '../src/lrpo/teaching/step-walk';
import { configToQuery } from '../src/ui/url-config';
import { collectErrors, waitForState, waitForStep } from './studio-helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function teachingQuery(extra: Record<string, string>): string {
  const params = new URLSearchParams(configToQuery(teachingDemo()));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString().replace(/%2C/g, ',');
}

/** the numbers of a table column (data-raw of its cells) */
async function column(page: import('@playwright/test').Page, table: string, col: number): Promise<number[]> {
  return page.getByRole('table', { name: table }).locator('tbody tr').evaluateAll((rows, c) => rows.map((r) => Number((r.children[c] as HTMLElement).dataset.raw)), col);
}

test('teaching demo: walk one live step through every panel, numbers as in the step report; inspect a rollout', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  // the preset, on the CPU backend and with short answers so a few steps take seconds
  await page.goto(`/?${teachingQuery({ backend: 'cpu', 'data.max_response_length': '12', 'actor.rollout_n': '4', 'data.train_batch_size': '2', 'actor.ppo_mini_batch_size': '2' })}#train`);
  await waitForState(page, 'ready');
  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 2);
  await page.getByRole('button', { name: '⏸ Pause' }).click();
  await waitForState(page, 'paused');
  const step = Number(await page.getByTestId('run-step').textContent());
  // the step report as the Train view shows it: group 0's rewards and advantages
  const report = await page.getByRole('table', { name: 'Rollouts' }).locator('tbody tr').evaluateAll((rows) => rows
    .map((r) => [...r.children].map((c) => c.textContent ?? ''))
    .filter((c) => c[0] === '0')
    .map((c) => ({ target: c[5], reward: c[10], advantage: c[11] })));
  expect(report.length).toBeGreaterThan(0);

  await page.getByRole('link', { name: 'Teaching' }).click();
  await expect(page.getByTestId('teach-step')).toHaveText(String(step));
  const titles: string[] = [];
  for (let i = 0; i < PANEL_IDS.length; i++) {
    const panel = page.locator(`[data-panel="${PANEL_IDS[i]}"]`);
    await expect(panel).toBeVisible();
    titles.push((await page.getByTestId('teach-panel-title').textContent()) ?? '');
    await expect(panel.locator('.teach-text')).toHaveText(/\.\s.+\./);
    if (i > 0) expect(page.url()).toContain(`#teach/${step}/0/${PANEL_IDS[i]}`); // linkable
    if (PANEL_IDS[i] === 'reward') {
      const rewards = await column(page, '7. Reward table', 3);
      expect(rewards.map((x) => x.toFixed(3))).toEqual(report.map((r) => r.reward));
    }
    if (PANEL_IDS[i] === 'advantages') {
      const adv = await column(page, '9. Advantages table', 2);
      expect(adv.map((x) => x.toFixed(3))).toEqual(report.map((r) => r.advantage));
    }
    if (PANEL_IDS[i] === 'rollouts') {
      await page.getByRole('button', { name: 'Inspect rollout 1' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rollout inspector' });
      await expect(dialog.getByTestId('inspector-tokens').locator('.teach-token').first()).toBeVisible();
      await expect(dialog.getByTestId('inspector-reward')).toHaveText(report[0].reward);
      await expect(dialog.getByTestId('inspector-advantage')).toHaveText(report[0].advantage);
      await dialog.getByLabel('ratio after the update').check();
      const bg = await dialog.locator('.teach-token').first().evaluate((e) => (e as HTMLElement).style.background);
      expect(bg).toMatch(/rgb/);
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
    if (i < PANEL_IDS.length - 1) await page.getByRole('button', { name: 'Next ▶' }).click();
  }
  expect(titles.map((t) => t.replace(/^\d+\.\s*/, ''))).toHaveLength(12);
  await expect(page.getByRole('button', { name: 'Next ▶' })).toBeDisabled();
  await page.getByRole('button', { name: '◀ Previous' }).click();
  await expect(page.locator('[data-panel="buffer"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a saved run folder from the CLI walks through too; a folder without rollouts is refused and changes nothing', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'teach-e2e-'));
  try {
    execFileSync('node', [path.join(root, 'bin/lrpo-studio.mjs'), 'train', '--preset', 'tiny', '--backend', 'cpu', '--total-steps', '2', '--quiet', '--out', dir], { cwd: root, stdio: 'inherit' });
    const errors = collectErrors(page);
    await page.goto('/#teach/2/1/group'); // a link to a place: opened once the folder is
    const files = ['config.json', 'rollouts.jsonl', 'metrics.jsonl', 'router.jsonl'].map((f) => path.join(dir, f));
    await page.getByLabel('Open saved run files').setInputFiles(files);
    await expect(page.getByTestId('saved-run-status')).toContainText('2 steps');
    await expect(page.getByTestId('teach-step')).toHaveText('2');
    await expect(page.locator('[data-panel="group"]')).toBeVisible();
    // group 1's mean as computed from the saved rollouts
    const rows = readFileSync(files[1], 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.step === 2 && r.group === 1);
    const mean = rows.reduce((a: number, r: { reward: number }) => a + r.reward, 0) / rows.length;
    await expect(page.locator('[data-figure="mean"] dd')).toHaveText(mean.toFixed(3));
    await page.getByRole('button', { name: '◀ step' }).click();
    await expect(page.getByTestId('teach-step')).toHaveText('1');
    // only metrics.jsonl: refused with a reason, the open run stays
    await page.getByLabel('Open saved run files').setInputFiles([files[2]]);
    await expect(page.getByTestId('saved-run-status')).toContainText('config.json');
    await expect(page.getByTestId('teach-step')).toHaveText('1');
    expect(errors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
