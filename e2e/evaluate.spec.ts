// Evaluate (CARE) end to end: load the fixture predictions, allow the judge endpoint (the page
// reloads, nothing is lost), judge against the scripted mock server (slow replies, 429, 500,
// garbage, two letters), re-judge UNPARSEABLE, check exact scores, click through, export, and
// make sure the API key never reaches an export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startMockJudgeServer, type MockJudgeServer } from './fixtures/mock-judge-server';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, 'fixtures/eval/care-predictions.csv');
const KEY = 'sk-e2e-SECRET-key-42';
const LABELS = ['CORRECT', 'CORRECT_BUT_WRONG_LANGUAGE', 'INCORRECT', 'NOT_ATTEMPTED', 'UNPARSEABLE'];
let server: MockJudgeServer;

test.beforeAll(async () => {
  server = await startMockJudgeServer();
});
test.afterAll(async () => {
  await server.close();
});

async function fillEndpoint(page: Page) {
  await page.getByLabel('Base URL').fill(server.url);
  await page.getByLabel('Model').fill('mock-judge');
  await page.getByLabel('API key').fill(KEY);
  await page.getByLabel('Timeout (ms)').fill('2000');
  await page.getByLabel('Retries').fill('2');
}

async function download(page: Page, button: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await d.path())!, 'utf8');
}

test('load, allow endpoint, judge, re-judge, score, click through, export', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/#evaluate');
  await page.getByLabel('Predictions file').setInputFiles(FIXTURE);
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions.csv: 13 rows');

  // a bad file does not replace what is loaded
  await page.getByLabel('Predictions file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a]) });
  await expect(page.getByRole('alert').filter({ hasText: 'could not be used' })).toContainText('broken.csv: line 2: not valid UTF-8 text');
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions.csv: 13 rows');

  await fillEndpoint(page);
  await page.getByRole('button', { name: 'Judge 12 unjudged' }).click();
  await expect(page.getByText(`Allow http://127.0.0.1:${server.port}?`)).toBeVisible();
  await page.getByRole('button', { name: 'Allow and reload' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions.csv: 13 rows');
  await expect(page.getByLabel('Base URL')).toHaveValue(server.url);
  await expect(page.getByLabel('API key')).toHaveValue('');
  await fillEndpoint(page);

  await page.getByRole('button', { name: 'Judge 12 unjudged' }).click();
  await expect(page.getByRole('status')).toContainText('Judged 12 rows (0 from the cache, 3 UNPARSEABLE)', { timeout: 60_000 });
  await expect(page.getByTestId('judge-progress')).toContainText('12 / 12 judged');
  await expect(page.getByTestId('label-counts')).toHaveText(
    'CORRECT: 5 · CORRECT_BUT_WRONG_LANGUAGE: 1 · INCORRECT: 3 · NOT_ATTEMPTED: 1 · UNPARSEABLE: 3 · UNJUDGED: 0',
  );
  await expect(page.getByTestId('accuracy')).toContainText('38.46%accuracy (5/13 CORRECT)');

  await page.getByRole('button', { name: 'Re-judge UNPARSEABLE (3)' }).click();
  await expect(page.getByRole('status')).toContainText('Judged 3 rows', { timeout: 60_000 });
  await expect(page.getByTestId('label-counts')).toHaveText(
    'CORRECT: 5 · CORRECT_BUT_WRONG_LANGUAGE: 1 · INCORRECT: 3 · NOT_ATTEMPTED: 2 · UNPARSEABLE: 2 · UNJUDGED: 0',
  );
  await expect(page.getByTestId('accuracy')).toContainText('(5/13 CORRECT)');

  // seen languages and the breakdown table
  await page.getByLabel('Seen language zh').check();
  await page.getByLabel('Seen language es').check();
  const seenTable = page.getByRole('table', { name: 'Accuracy by seen' });
  await expect(seenTable.getByRole('row', { name: /^seen 9 3 33\.33%/ })).toBeVisible();
  await expect(seenTable.getByRole('row', { name: /^unseen 4 2 50\.00%/ })).toBeVisible();

  // click through: the UNPARSEABLE rows, then one item's detail
  await page.getByRole('table', { name: 'Accuracy by language' }).getByRole('row', { name: /^es 5/ }).click();
  await expect(page.getByTestId('items-count')).toHaveText('5 of 13 items (language = es)');
  await page.getByLabel('Filter by label').selectOption('UNPARSEABLE');
  await expect(page.getByTestId('items-count')).toHaveText('2 of 13 items (language = es, label = UNPARSEABLE)');
  await page.getByTestId('item-q10').click();
  await expect(page.getByTestId('detail-raw')).toHaveText('A or B');
  await expect(page.getByTestId('detail-prediction')).toHaveText('paella o tortilla');

  // the detector flag (fastText lid.176 via src/lrpo/rewards/lid.ts)
  await expect(page.getByTestId('detector-flag')).toContainText("answers not in the question's language", { timeout: 60_000 });

  // exports parse, hold every row with a label, and never the key
  const jsonl = await download(page, 'Judged rows (JSONL)');
  const rows = jsonl.trim().split('\n').map((l) => JSON.parse(l));
  expect(rows).toHaveLength(13);
  expect(rows.every((r) => LABELS.includes(r.label))).toBe(true);
  expect(rows.filter((r) => r.label === 'CORRECT')).toHaveLength(5);
  const csv = await download(page, 'Judged rows (CSV)');
  expect(csv.split('\r\n')[0]).toContain('id,index,question,target,prediction,language');
  expect(csv).toContain('"Barcelona, creo"');
  const sumCsv = await download(page, 'Summary (CSV)');
  expect(sumCsv).toContain(`overall,all,13,5,${5 / 13},5,1,3,2,2,0`);
  const sumJsonl = await download(page, 'Summary (JSONL)');
  expect(JSON.parse(sumJsonl.split('\n')[0])).toMatchObject({ breakdown: 'overall', n: 13, correct: 5 });
  for (const text of [jsonl, csv, sumCsv, sumJsonl]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('SECRET');
  }
  expect(server.requests.length).toBeGreaterThan(12);
  expect(server.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
  // the key was not remembered: nothing in localStorage holds it
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain(KEY);

  // re-judging everything pays only for what the browser's verdict cache does not hold: q10 (two
  // letters), q12 (always 500) and q13 (label came from the file; the mock has no script for it)
  const before = server.requests.length;
  await page.getByRole('button', { name: 'Re-judge all' }).click();
  await expect(page.getByRole('status')).toContainText('Judged 13 rows (10 from the cache, 3 UNPARSEABLE)', { timeout: 60_000 });
  expect(server.requests.slice(before).map((r) => r.prediction).sort()).toEqual(
    ['Barcelona, creo', 'Barcelona, creo', 'Barcelona, creo', 'El Guadalquivir', 'paella o tortilla'].sort(),
  );
  await expect(page.getByTestId('accuracy')).toContainText('(4/13 CORRECT)');

  // a reload keeps the file and the verdicts
  await page.reload();
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions.csv: 13 rows');
  await expect(page.getByTestId('label-counts')).toHaveText(
    'CORRECT: 4 · CORRECT_BUT_WRONG_LANGUAGE: 1 · INCORRECT: 3 · NOT_ATTEMPTED: 2 · UNPARSEABLE: 3 · UNJUDGED: 0',
  );
  expect(errors).toEqual([]);
});

test('column mapping, parquet, remembered key, cancel', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/#evaluate');

  // columns that are not recognised: the user picks them; bad rows are listed with line and field
  await page.getByLabel('Predictions file').setInputFiles(path.join(here, 'fixtures/eval/bad-predictions.jsonl'));
  const mapping = page.getByRole('group', { name: 'Column mapping' });
  await expect(mapping).toContainText('still needed: question');
  await expect(mapping.getByRole('button', { name: 'Use these columns' })).toBeDisabled();
  await mapping.getByLabel('Column for question').selectOption('frage');
  await mapping.getByRole('button', { name: 'Use these columns' }).click();
  await expect(page.getByTestId('eval-loaded')).toContainText('bad-predictions.jsonl: 1 rows, 7 problems');
  await expect(page.getByRole('alert').filter({ hasText: 'Rows left out' })).toContainText(
    "bad-predictions.jsonl, row 1, lang: language 'klingon' is not a language name or ISO code we know (line 2)",
  );

  // parquet through the bundled parquet-wasm, columns found by alias
  await page.getByLabel('Predictions file').setInputFiles(path.join(here, 'fixtures/eval/care-predictions-small.parquet'));
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions-small.parquet: 4 rows.');
  await expect(page.getByTestId('eval-loaded')).toContainText('target ← answer, prediction ← response, language ← locale');
  await expect(page.getByTestId('items-count')).toHaveText('4 of 4 items (all items)');

  // the key is stored only while "remember" is ticked
  await page.getByLabel('API key').fill(KEY);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(KEY);
  await page.getByLabel('Remember the key in this browser').check();
  expect(await page.evaluate(() => localStorage.getItem('lrpo.judge.apiKey'))).toBe(KEY);
  await page.getByLabel('Remember the key in this browser').uncheck();
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(KEY);

  // cancel a run: finished verdicts stay, the rest stay unjudged
  await page.getByLabel('Predictions file').setInputFiles(FIXTURE);
  await fillEndpoint(page);
  await page.getByLabel('Concurrency').fill('1');
  await page.getByRole('button', { name: 'Judge 12 unjudged' }).click();
  await page.getByRole('button', { name: 'Allow and reload' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions.csv: 13 rows');
  await fillEndpoint(page);
  await page.getByLabel('Concurrency').fill('1');
  await page.getByRole('button', { name: 'Judge 12 unjudged' }).click();
  await expect(page.getByTestId('judge-progress')).toContainText(/[1-9]\d* \/ 12 judged/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toContainText(/Cancelled: \d+ of 12 judged; the rest stay unjudged/);
  const counts = await page.getByTestId('label-counts').textContent();
  const unjudged = Number(/UNJUDGED: (\d+)/.exec(counts!)![1]);
  expect(unjudged).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: `Judge ${unjudged} unjudged` })).toBeEnabled();
  expect(errors).toEqual([]);
});
