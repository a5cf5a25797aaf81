import { test, expect } from '@playwright/test';

// The WebGPU engine in chromium's own WebGPU (SwiftShader here): the `engine` test hook runs the kernel
// parity checks (WebGPU vs the CPU reference, odd shapes, stated tolerances) and a tiny model's
// logits, gradients, three AdamW steps and greedy KV-cache generation against the CPU model.
test('WebGPU kernels and model match the CPU reference in the browser', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/?test=engine');
  await page.waitForFunction(() => typeof window.__lrpoTest?.engine === 'function');
  const report = await page.evaluate(() => window.__lrpoTest!.engine!());
  expect(report.error).toBeUndefined();
  expect(report.results.length).toBeGreaterThanOrEqual(14);
  const failed = report.results.filter((r) => !r.pass);
  expect(failed, JSON.stringify(failed)).toEqual([]);
  for (const name of ['matmul forward 7x13x29', 'attention backward B2 T5 C12 NH3', 'logprobs/entropy backward', 'model gradients', 'model params after 3 AdamW steps']) {
    expect(report.results.map((r) => r.name)).toContain(name);
  }
  // the page also shows the results as text
  await page.getByRole('button', { name: 'Run self-test' }).click();
  await expect(page.locator('#out')).toContainText('PASS  model params after 3 AdamW steps', { timeout: 120_000 });
  await expect(page.locator('#out')).not.toContainText('FAIL');
  expect(errors).toEqual([]);
});
