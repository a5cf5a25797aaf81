// Shared steps of the studio's browser tests.
import { expect, type Page, type TestInfo } from '@playwright/test';
import { PRESETS } from '../src/ui/store/presets';
import { configToQuery } from '../src/ui/url-config';

/** The tiny preset as URL parameters (1 layer, 32 wide, groups of 4, 2 questions, 8 new tokens). */
export function tinyQuery(extra: Record<string, string> = {}): string {
  const q = configToQuery(PRESETS.find((p) => p.id === 'tiny')!.build());
  const more = new URLSearchParams(extra).toString();
  return [q, more].filter(Boolean).join('&');
}

export async function stepOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('run-step').textContent());
}

export async function waitForState(page: Page, state: string, timeout = 120_000): Promise<void> {
  await expect(page.getByTestId('run-state')).toHaveText(state, { timeout });
}

export async function waitForStep(page: Page, atLeast: number, timeout = 150_000): Promise<void> {
  await expect.poll(() => stepOf(page), { timeout, intervals: [250] }).toBeGreaterThanOrEqual(atLeast);
}

export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // scroll through once so every chart has drawn its latest data, then back to the top
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForTimeout(300);
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Errors the page threw; a test ends by expecting none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** A chart by its title, scrolled into view (charts off screen keep their last drawing until seen). */
export async function chart(page: Page, name: string | RegExp) {
  const fig = page.getByRole('figure', { name });
  await fig.scrollIntoViewIfNeeded();
  return fig;
}
