// The studio runs what the config says: with sft.steps > 0 the worker runs the warm-start SFT first
// (its loss per step charted), then LRPO, validating every trainer.test_freq steps (val-core/...
// metrics, charted); the same run module as the CLI. The SFT runs in micro-batches of 2 items
// (sft.micro_batch_size from the URL).
import { expect, test } from '@playwright/test';
import { chart, collectErrors, tinyQuery, waitForState, waitForStep } from './studio-helpers';

test('warm-start SFT with its loss chart, then LRPO with validation every test_freq steps', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto(`/?${tinyQuery({ test: 'drills', backend: 'cpu', 'sft.steps': '4', 'sft.batch_size': '4', 'sft.micro_batch_size': '2', 'trainer.test_freq': '2' })}#train`);
  await waitForState(page, 'ready');
  await expect(page.getByTestId('sft-step')).toHaveText('0');
  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 2);
  await page.getByRole('button', { name: '⏸ Pause' }).click();
  await waitForState(page, 'paused');
  await expect(page.getByTestId('sft-step')).toHaveText('4');
  const sft = await chart(page, 'Warm-start SFT: loss per step');
  await expect(sft).toHaveAttribute('data-points', '4');
  const val = await chart(page, /^Validation \(val-core/);
  await expect(val).toBeVisible();
  expect(errors).toEqual([]);
});
