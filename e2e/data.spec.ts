import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';

// The Data view: the demo loads on start; SQL works and bad SQL shows its error; unusable files each
// give a clear message and keep the current dataset; dataset text renders as text; every request
// stays on the page's own origin.
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures/data', name));
const demo = readFileSync(path.join(here, '../public/data/demo.parquet'));

function corrupt(bytes: Buffer): Buffer {
  const b = Buffer.from(bytes);
  for (let i = 200; i < b.length - 200; i++) b[i] = (b[i] * 7 + 13) & 0xff;
  return b;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function open(page: Page, name: string, buffer: Buffer, mimeType = 'application/octet-stream') {
  await page.getByLabel('Open dataset file').setInputFiles({ name, mimeType, buffer });
}

test('data view: demo, SQL, bad files keep the data, text stays text, no foreign requests', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto('/#data');
  // the demo loads on start and shows its counts
  await expect(page.getByTestId('stat-rows')).toContainText('441');
  await expect(page.getByTestId('stat-usable')).toContainText('441');
  await expect(page.getByTestId('stat-unusable')).toContainText('0');
  await expect(page.getByTestId('stat-topics')).toContainText('5');
  await expect(page.getByTestId('stat-regions')).toContainText('20');
  await expect(page.getByTestId('stat-languages')).toContainText('15');
  await expect(page.getByRole('figure', { name: 'Examples by original language' }).locator('.recharts-bar-rectangle')).toHaveCount(15);
  await expect(page.getByTestId('example-match-count')).toHaveText('441 of 441 examples');

  // filters
  await page.getByLabel('Filter by topic').selectOption('Regional Knowledge');
  await expect(page.getByTestId('example-match-count')).toHaveText('101 of 441 examples');
  await page.getByLabel('Search examples').fill('Hauptstadt');
  await expect(page.getByTestId('example-match-count')).toHaveText('2 of 441 examples');
  await page.getByLabel('Search examples').fill('');
  await page.getByLabel('Filter by topic').selectOption('');

  // SQL over the loaded table, and a bad query's error
  await page.getByLabel('SQL query').fill("SELECT topic, count(*) AS n FROM dataset GROUP BY 1 ORDER BY n DESC, topic");
  await page.getByRole('button', { name: 'Run SQL' }).click();
  const result = page.getByTestId('sql-result');
  await expect(result).toContainText('5 rows', { timeout: 60_000 });
  await expect(result.locator('tbody tr').first()).toContainText('Reasoning / Logic102');
  await page.getByLabel('SQL query').fill('SELEC nonsense FROM');
  await page.getByRole('button', { name: 'Run SQL' }).click();
  await expect(page.getByTestId('sql-error')).toContainText(/syntax error/i);
  // no query can reach a file or URL
  await page.getByLabel('SQL query').fill("SELECT * FROM read_csv('https://example.com/x.csv')");
  await page.getByRole('button', { name: 'Run SQL' }).click();
  await expect(page.getByTestId('sql-error')).toBeVisible();

  // each unusable file: a clear message naming the file, and the demo stays loaded
  const bad: [string, Buffer, RegExp][] = [
    ['broken.parquet', corrupt(demo), /broken\.parquet.*malformed parquet/s],
    ['truncated.parquet', demo.subarray(0, 500), /truncated\.parquet.*malformed parquet: the file is truncated/s],
    ['no-ability.parquet', fixture('no-ability.parquet'), /no-ability\.parquet.*field ability.*missing column ability/s],
    ['empty.parquet', Buffer.alloc(0), /empty\.parquet.*the file is empty/s],
    ['picture.png', PNG, /picture\.png.*it looks like a PNG image/s],
    ['picture.parquet', PNG, /picture\.parquet.*not a parquet file/s],
    ['notes.txt', Buffer.from('just some notes\nnot a dataset\n'), /notes\.txt.*not a parquet or JSONL dataset/s],
  ];
  for (const [name, buffer, message] of bad) {
    await open(page, name, buffer);
    await expect(page.getByTestId('load-error')).toContainText(message);
    await expect(page.getByTestId('load-error')).toContainText('still showing demo.parquet');
    await expect(page.getByTestId('stat-rows')).toContainText('441');
  }
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('load-error')).toHaveCount(0);

  // a JSONL file with one bad line loads its good rows and lists the bad line
  const jsonl = [
    JSON.stringify({ question: '<img src=x onerror=alert(1)>', answer: '<b>bold</b>', ability: 'General Knowledge', extra_info: { language: 'en' } }),
    '{"question": broken',
    JSON.stringify({ prompt: [{ role: 'user', content: 'Hauptstadt von Österreich?' }], reward_model: { ground_truth: 'Wien' }, ability: 'Regional Knowledge', extra_info: { language: 'de', region: ['Austria'] } }),
  ].join('\n');
  await open(page, 'xss.jsonl', Buffer.from(jsonl), 'application/jsonl');
  await expect(page.getByTestId('stat-rows')).toContainText('3');
  await expect(page.getByTestId('stat-usable')).toContainText('2');
  await expect(page.getByTestId('stat-unusable')).toContainText('1');
  await page.getByTestId('dataset-problems').locator('summary').click();
  await expect(page.getByTestId('dataset-problems')).toContainText('xss.jsonl, line 2: not valid JSON');
  await expect(page.getByRole('cell', { name: '<img src=x onerror=alert(1)>', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '<b>bold</b>', exact: true })).toBeVisible();
  await expect(page.locator('main img')).toHaveCount(0);
  await expect(page.locator('main b', { hasText: 'bold' })).toHaveCount(0);

  // the same through parquet, opened by drag and drop; SQL now sees the new table
  const xss = fixture('xss.parquet');
  await page.getByTestId('data-drop').evaluate((el, bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'xss.parquet'));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [...xss]);
  await expect(page.getByRole('heading', { name: /xss\.parquet/ })).toBeVisible();
  await expect(page.getByTestId('stat-rows')).toContainText('3');
  await expect(page.getByRole('cell', { name: '<script>alert(2)</script>', exact: true })).toBeVisible();
  await page.getByLabel('SQL query').fill('SELECT question FROM dataset ORDER BY row LIMIT 1');
  await page.getByRole('button', { name: 'Run SQL' }).click();
  await expect(page.getByTestId('sql-result').locator('tbody td').first()).toHaveText('<img src=x onerror=alert(1)>');
  await expect(page.locator('main img')).toHaveCount(0);

  // back to the demo
  await page.getByRole('button', { name: 'Load demo dataset' }).click();
  await expect(page.getByTestId('stat-rows')).toContainText('441');

  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});
