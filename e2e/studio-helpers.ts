// Shared steps of the studio's browser tests.
import { expect, type Page, type TestInfo } from '@playwright/test';
import { PRESETS } from '../src/ui/store/presets';
import { configToQuery } from '../src/ui/url-config';
export { traceMainThread } from './main-thread-trace';

/** The tiny preset as URL parameters (1 layer, 32 wide, groups of 4, 2 questions, 8 new tokens); `extra` adds or replaces. */
export function tinyQuery(extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(configToQuery(PRESETS.find((p) => p.id === 'tiny')!.build()));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString().replace(/%2C/g, ',');
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

/** Resolves to `fallback` after `ms` if `p` has not settled by then (`p` keeps running, unobserved). */
function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)));
  return Promise.race([p.finally(() => clearTimeout(timer)), late]);
}

/**
 * A screenshot of the whole page as a test artifact. It never fails the test and takes bounded time:
 * under heavy CPU load (SwiftShader shares two cores with the page) a full-page capture can stall,
 * so each part has a time limit, and a capture that fails or times out is logged and skipped.
 */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // scroll through once so every chart draws its latest data (charts draw only on screen, one per
  // task: a wrapper marked data-pending is waiting for its turn), then back to the top
  const scrolled = await within(page.evaluate(async () => {
    const pendingOnScreen = () => [...document.querySelectorAll('[data-pending]')].some((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    });
    for (let y = 0; y < document.body.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
      for (let i = 0; i < 40 && pendingOnScreen(); i++) await new Promise((r) => setTimeout(r, 50));
    }
    window.scrollTo(0, 0);
    return true;
  }).catch(() => false), 30_000, false);
  if (!scrolled) console.log(`screenshot ${name}: scrolling through the page did not finish in time; capturing as it is`);
  const path = testInfo.outputPath(name);
  for (const fullPage of [true, false]) {
    try {
      await page.waitForTimeout(300);
      await page.screenshot({ path, fullPage, timeout: fullPage ? 30_000 : 15_000 });
      await testInfo.attach(name, { path, contentType: 'image/png' });
      return;
    } catch (e) {
      console.log(`screenshot ${name} (${fullPage ? 'full page' : 'viewport'}) not taken: ${(e as Error).message.split('\n')[0]}`);
    }
  }
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
  // a chart may re-mount while its data arrives (the element is replaced): scroll to the one there now
  await expect(async () => fig.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 30_000 });
  return fig;
}
