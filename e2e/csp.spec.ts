import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The Content-Security-Policy lets the page connect only to its own origin, plus an endpoint the
// user explicitly allowed (a judge); inline scripts never run.
let server: Server;
let other: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('pong');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  other = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

const tryFetch = (url: string) =>
  fetch(url).then(
    (r) => r.text(),
    (e) => `blocked: ${String(e)}`,
  );

test('connections go only to the own origin unless the user allowed an endpoint', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'LRPO Studio' })).toBeVisible();
  expect(await page.evaluate(tryFetch, `${other}/ping`)).toMatch(/^blocked/);
  expect(violations.join('\n')).toContain('connect-src');

  // an inline script injected into the page does not run
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);

  // once the user allows the endpoint's origin, the next page load may connect to it (and only it)
  await page.evaluate((o) => localStorage.setItem('lrpo.csp.connect', JSON.stringify([o])), other);
  await page.reload();
  expect(await page.evaluate(tryFetch, `${other}/ping`)).toBe('pong');
  expect(await page.evaluate(tryFetch, 'http://127.0.0.2:9/x')).toMatch(/^blocked/);
});

test('without its connection policy (/csp.js missing) the studio refuses to start and says why', async ({ page }) => {
  await page.route('**/csp.js', (r) => r.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  await expect(page.locator('#root')).toContainText('LRPO Studio did not start: its connection policy (/csp.js) was not applied');
  await expect(page.getByRole('heading', { name: 'LRPO Studio' })).toHaveCount(0);
});
