// Legibility: no console error on load (the favicon exists), the "Reward per target language" chart
// with 15 languages (legend toggles, hover highlight, smoothing), the router heatmap's colours
// diverge around uniform (1/L), and long topic names on the Data view's axis stay on one line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const LANGS = ['ar', 'de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'vi', 'zh'];

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

test('no console error or failed request on load; the favicon is ours', async ({ page }) => {
  const errors = consoleErrors(page);
  const favicon = page.waitForResponse((r) => r.url().endsWith('/favicon.svg'));
  await page.goto('/');
  expect((await favicon).status()).toBe(200);
  await expect(page.getByTestId('stat-rows')).toBeVisible({ timeout: 60_000 });
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});

test('reward per target language with 15 languages: legend toggles, hover highlight, smoothing', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto('/#train');
  // a metrics.jsonl with 15 per-language rewards over 8 steps (written here: language i at step s = ((i + s) % 5) / 5)
  const lines = Array.from({ length: 8 }, (_, s) =>
    JSON.stringify({ step: s + 1, 'critic/score/mean': 0.1 * s, ...Object.fromEntries(LANGS.map((l, i) => [`train_reward/lang/${l}`, ((i + s) % 5) / 5])) }),
  );
  await page.getByLabel('Open metrics.jsonl').setInputFiles({ name: 'metrics.jsonl', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
  const fig = page.getByRole('figure', { name: 'Reward per target language' });
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('.recharts-line-curve')).toHaveCount(15);
  const legend = fig.getByRole('group', { name: 'Reward per target language: series' });
  await expect(legend.getByRole('button', { pressed: true })).toHaveCount(15);

  // hide one language, then all but two
  await legend.getByRole('button', { name: 'zh', exact: true }).click();
  await expect(legend.getByRole('button', { name: 'zh', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect(fig.locator('.recharts-line-curve')).toHaveCount(14);
  await legend.getByRole('button', { name: 'none' }).click();
  await expect(fig.locator('.recharts-line-curve')).toHaveCount(0);
  await legend.getByRole('button', { name: 'es', exact: true }).click();
  await legend.getByRole('button', { name: 'ja', exact: true }).click();
  await expect(fig.locator('.recharts-line-curve')).toHaveCount(2);
  await legend.getByRole('button', { name: 'all' }).click();
  await expect(fig.locator('.recharts-line-curve')).toHaveCount(15);

  // hovering a legend entry highlights its line and fades the others
  await legend.getByRole('button', { name: 'es', exact: true }).hover();
  await expect.poll(() => fig.locator('.recharts-line-curve[stroke-opacity="0.15"]').count()).toBe(14);
  await page.mouse.move(0, 0);
  await expect.poll(() => fig.locator('.recharts-line-curve[stroke-opacity="0.15"]').count()).toBe(0);

  // smoothing redraws the lines from an exponential moving average
  const before = await fig.locator('.recharts-line-curve').first().getAttribute('d');
  await fig.getByLabel('Reward per target language: smoothing').selectOption('0.9');
  await expect.poll(() => fig.locator('.recharts-line-curve').first().getAttribute('d')).not.toBe(before);
  expect(errors).toEqual([]);
});

test('router heatmap colours diverge around uniform 1/L', async ({ page }) => {
  await page.goto('/#router');
  await page.getByLabel('Open router JSONL').setInputFiles(path.join(here, 'fixtures/router/verl-router-log.jsonl'));
  await expect(page.getByTestId('heatmap-scale')).toContainText('white = uniform 1/15 (0.067)');
  // cells at uniform are the scale's white; below it orange (red > blue), above it blue (blue > red)
  await expect(page.locator('.heatmap-cell').first()).toBeVisible();
  const cells = await page.locator('.heatmap-cell').evaluateAll((els) => els.map((e) => ({ t: e.getAttribute('title') ?? '', bg: getComputedStyle(e).backgroundColor })));
  const parsed = cells.map((c) => ({ v: Number(c.t.split(': ').pop()), rgb: c.bg.match(/\d+/g)!.map(Number) })).filter((c) => Number.isFinite(c.v));
  const below = parsed.filter((c) => c.v < 1 / 15 - 0.003);
  const above = parsed.filter((c) => c.v > 1 / 15 + 0.003);
  expect(below.length).toBeGreaterThan(0);
  expect(above.length).toBeGreaterThan(0);
  for (const c of below) expect(c.rgb[0]).toBeGreaterThan(c.rgb[2]);
  for (const c of above) expect(c.rgb[2]).toBeGreaterThan(c.rgb[0]);
  for (const c of parsed.filter((x) => Math.abs(x.v - 1 / 15) < 5e-5)) expect(c.rgb).toEqual([247, 247, 247]);
});

test('long topic names on the Data view axis stay on one line and do not overlap', async ({ page }) => {
  await page.goto('/#data');
  await expect(page.getByTestId('stat-rows')).toBeVisible({ timeout: 60_000 });
  const topics = ['Regional Knowledge: Food, Festivals and Everyday Customs', 'Regional Knowledge: History, Landmarks and Famous People', 'Science', 'Reasoning / Logic with Multi-step Arithmetic Word Problems'];
  const jsonl = topics.flatMap((t, i) =>
    [0, 1].map((k) => JSON.stringify({ question: `Q${i}-${k}?`, answer: 'A', ability: t, extra_info: { language: 'en' } })),
  ).join('\n');
  await page.getByLabel('Open dataset file').setInputFiles({ name: 'long-topics.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(jsonl) });
  await expect(page.getByTestId('stat-rows')).toContainText('8');
  const fig = page.getByRole('figure', { name: 'Examples by topic' });
  // the category ticks: one <text> each, with the full name as its <title>
  const ticks = fig.locator('svg text:has(title)');
  await expect(ticks).toHaveCount(4);
  const boxes = await ticks.evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent ?? '', top: r.top, bottom: r.bottom, lines: e.querySelectorAll('tspan').length };
  }));
  expect(boxes.filter((b) => b.text.includes('…')).length).toBeGreaterThan(0);
  const sorted = [...boxes].sort((a, b) => a.top - b.top);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i].top).toBeGreaterThanOrEqual(sorted[i - 1].bottom - 1);
  // the full name is kept as the tick's title
  await expect(fig.locator('svg text title').filter({ hasText: topics[3] })).toHaveCount(1);
});
