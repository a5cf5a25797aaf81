import { test, expect } from '@playwright/test';

// The /bench page runs the engine benchmark on the browser's own GPU (SwiftShader here, with the tiny
// shape and short settings so it finishes quickly) and shows the table as text; the studio links to it.
test('the benchmark page runs on this GPU and shows its table', async ({ page }) => {
  test.setTimeout(300_000); // SwiftShader compiles every pipeline on the CPU
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await page.getByRole('link', { name: 'GPU benchmark' }).click();
  await expect(page).toHaveURL(/bench/);
  await page.waitForFunction(() => typeof window.__lrpoBench === 'function');
  const report = await page.evaluate(() => window.__lrpoBench!({
    shapes: ['tiny'], matmul: [64], settings: { B: 1, T: 8, promptTokens: 4, decodeTokens: 2, trainSteps: 1, profile: true },
  }));
  expect(report.fmaPeakGflops).toBeGreaterThan(0);
  expect(report.families).toHaveLength(1);
  const f = report.families[0];
  for (const x of [f.prefillTokensPerSec, f.decodeTokensPerSec, f.trainTokensPerSec]) expect(x).toBeGreaterThan(0);
  const out = page.locator('#out');
  await expect(out).toContainText('FMA peak');
  await expect(out).toContainText('prefill tok/s');
  await expect(out).toContainText('tiny');
  expect(errors).toEqual([]);
});
