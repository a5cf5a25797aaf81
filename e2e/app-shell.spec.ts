import { test, expect } from '@playwright/test';

// The studio opens offline: every request stays on the page's own origin, and every view renders.
test('studio opens, every view renders, no request leaves the origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'LRPO Studio' })).toBeVisible();
  for (const name of ['Data', 'Train', 'Teaching', 'Router', 'Router playground', 'Evaluate (CARE)']) {
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
