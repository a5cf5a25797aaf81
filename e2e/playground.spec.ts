import { test, expect, type Page } from '@playwright/test';

// The Router playground: two routers side by side on the same world run 200 steps in the worker,
// both regret curves are drawn, and the session survives a reload through the URL.

function pgFromUrl(url: string): Record<string, any> {
  const pg = new URL(url).searchParams.get('pg');
  expect(pg).toBeTruthy();
  return JSON.parse(Buffer.from(pg!.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
}

async function commit(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
}

test('two routers side by side: 200 steps, regret curves, URL state kept on reload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/#playground');
  await expect(page.getByRole('heading', { name: 'Router playground' })).toBeVisible();

  await page.getByLabel('router 1', { exact: true }).selectOption('softmax_eps');
  await page.getByLabel('router 2', { exact: true }).selectOption('thompson');
  await commit(page, 'steps', '200');
  await page.getByLabel('speed').selectOption('20');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('pg-step')).toHaveText('200', { timeout: 60_000 });

  const curves = page.locator('figure[aria-label="cumulative regret"] path.recharts-line-curve');
  await expect(curves).toHaveCount(2);
  for (const i of [0, 1]) {
    const d = await curves.nth(i).getAttribute('d');
    expect(d && d.split(/[LC]/).length).toBeGreaterThan(50); // a drawn curve with many points
  }
  await expect(page.locator('figure[aria-label="cumulative regret"]')).toContainText('Thompson sampling');
  // every router's top choice per context is marked right exactly when it is the true best shown
  const table = page.getByRole('table', { name: 'router top choice vs true best' });
  const rows = table.locator('tbody tr');
  const nRows = await rows.count();
  expect(nRows).toBeGreaterThan(1);
  let marked = 0;
  for (let r = 0; r < nRows; r++) {
    const best = (await rows.nth(r).locator('td').first().locator('.pg-chip').textContent())!.trim();
    expect(best).toMatch(/^[a-z]{2,3}$/);
    for (const i of [0, 1]) {
      const chip = page.getByTestId(`choice-${i}-${r}`).locator('.pg-chip');
      const mark = (await chip.locator('.pg-mark').textContent())!;
      const lang = (await chip.textContent())!.replace(mark, '').trim();
      expect(mark, `router ${i + 1}, context row ${r}: top ${lang}, true best ${best}`).toBe(lang === best ? '✓' : '✗');
      marked++;
    }
  }
  expect(marked).toBe(2 * nRows);

  // leaving the view and coming back keeps the run
  await page.getByRole('link', { name: 'Router', exact: true }).click();
  await page.getByRole('link', { name: 'Router playground', exact: true }).click();
  await expect(page.getByTestId('pg-step')).toHaveText('200');

  // change a setting: it goes into the URL and survives a reload
  await commit(page, 'lang_policy_alpha', '0.3');
  await expect.poll(() => pgFromUrl(page.url()).router.lang_policy_alpha).toBe(0.3);
  const saved = pgFromUrl(page.url());
  expect(saved.columns).toEqual(['softmax_eps', 'thompson']);
  expect(saved.steps).toBe(200);
  await page.reload();
  await expect(page.getByLabel('lang_policy_alpha', { exact: true })).toHaveValue('0.3');
  await expect(page.getByLabel('router 2', { exact: true })).toHaveValue('thompson');
  await expect(page.getByLabel('steps', { exact: true })).toHaveValue('200');
  expect(errors).toEqual([]);
});

test('a broken pg parameter is named and the defaults are used', async ({ page }) => {
  await page.goto('/?pg=not-json#playground');
  await expect(page.getByRole('alert').first()).toContainText('pg');
  await expect(page.getByLabel('router 1', { exact: true })).toHaveValue('softmax_eps');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('pg-step')).toHaveText('1');
});

test('contexts come from the loaded dataset when there is one', async ({ page }) => {
  await page.goto('/#data'); // the Data view loads the demo dataset
  await expect(page.getByText('demo.parquet').first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Router playground', exact: true }).click();
  const fromData = page.getByRole('button', { name: /From the loaded dataset \(\d+ examples\)/ });
  await expect(fromData).toBeEnabled();
  await fromData.click();
  await expect(page.getByRole('status')).toContainText(/contexts from \d+ dataset examples/);
  const options = await page.getByLabel('context', { exact: true }).locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(0);
  expect(options).not.toEqual(['General Knowledge', 'Reasoning / Logic', 'Regional Knowledge / Japan', 'Regional Knowledge / Brazil', 'Regional Knowledge / Egypt', 'Regional Knowledge / China']);
});
