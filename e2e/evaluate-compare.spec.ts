// Evaluate: the illustrative set (ours) with no endpoint — comparison with bootstrap intervals,
// stacked label bars, paired comparison (McNemar, flipped questions with a filter), judge agreement
// from two label columns, CSV / SVG / PNG exports; judge agreement between two judge models of a
// scripted server; opening a benchmark in the hub layout from a local server (allowed origin,
// cached), then generating predictions with the current model.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startHubServer, type HubServer } from './fixtures/hub-dataset-server';
import { startMockJudgeServer, type MockJudgeServer } from './fixtures/mock-judge-server';

const here = path.dirname(fileURLToPath(import.meta.url));
let judge: MockJudgeServer;
let anyJudge: MockJudgeServer;
let hub: HubServer;

test.beforeAll(async () => {
  // two judges in turn: each prediction's first request is judge-a's, its second judge-b's
  judge = await startMockJudgeServer({
    '答案是北京。': [{ reply: 'A' }, { reply: 'A' }],
    'Creo que Madrid.': [{ reply: 'C' }, { reply: 'A' }],
    'मुझे नहीं पता।': [{ reply: 'D' }, { reply: 'D' }],
    'The answer is Barcelona.': [{ reply: 'B' }, { reply: 'C' }],
  });
  // grades every answer INCORRECT (the generated answers are not known in advance)
  anyJudge = await startMockJudgeServer(new Proxy({}, { get: () => [{ reply: 'C' }] }));
  hub = await startHubServer('ours/care-pro-layout', 'main', path.join(here, 'fixtures/eval/care-pro-layout'));
});
test.afterAll(async () => {
  await judge.close();
  await anyJudge.close();
  await hub.close();
});

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

test('the illustrative set: comparison with intervals, paired test, flips, agreement, exports', async ({ page }, testInfo) => {
  const errors = consoleErrors(page);
  await page.goto('/#evaluate');
  await page.getByRole('button', { name: 'Load the illustrative set (ours)' }).click();
  await expect(page.getByTestId('eval-loaded')).toContainText('care-pro-illustrative.jsonl: 108 rows.');
  await expect(page.getByTestId('illustrative-note')).toContainText('authored by the LRPO Studio team');

  // accuracy per source with 95% bootstrap intervals, overall and per language x setting
  await expect(page.getByTestId('acc-base-overall')).toHaveText(/^33\.33% \[\d+\.\d\d%, \d+\.\d\d%\] \(12\/36\)$/);
  await expect(page.getByTestId('acc-GRPO-overall')).toContainText('47.22%');
  await expect(page.getByTestId('acc-LRPO-overall')).toContainText('(31/36)');
  await expect(page.getByTestId('acc-LRPO-hi · cross-cultural')).toContainText('(5/6)');
  const [lo, hi] = (await page.getByTestId('acc-base-overall').textContent())!.match(/\[(\d+\.\d+)%, (\d+\.\d+)%\]/)!.slice(1).map(Number);
  expect(lo).toBeLessThan(33.33);
  expect(hi).toBeGreaterThan(33.33);
  // the figures: a bar per source and group, a stacked bar per source
  await expect(page.getByTestId('bar-LRPO-overall')).toHaveCount(1);
  await expect(page.getByTestId('stack-base').locator('rect')).toHaveCount(6);

  // a photograph of the panel, zh / hi text included (fonts-noto-cjk, scripts/ensure-chromium.sh)
  const shot = testInfo.outputPath('compare-panel.png');
  await page.getByTestId('compare-panel').screenshot({ path: shot });
  await testInfo.attach('compare-panel', { path: shot, contentType: 'image/png' });

  // paired comparison base vs LRPO: 20 wrong -> correct, 1 correct -> wrong; McNemar exact on 21 flips
  await expect(page.getByTestId('paired-summary')).toContainText('36 paired questions');
  await expect(page.getByTestId('paired-summary')).toContainText('Wrong → correct 20, correct → wrong 1, both correct 11, both wrong 4');
  await expect(page.getByTestId('mcnemar')).toContainText('p = 2.10e-5; mid-p = 1.10e-5');
  await expect(page.getByTestId('flip-count')).toHaveText('21 of 36 questions');
  await page.getByLabel('Flip filter').selectOption('lost');
  await expect(page.getByTestId('flip-count')).toHaveText('1 of 36 questions');
  await expect(page.getByTestId('flip-zh-10')).toContainText('印度的货币叫什么？');
  await page.getByLabel('Flip filter').selectOption('gained');
  await page.getByLabel('Flip language').selectOption('hi');
  await expect(page.getByTestId('flip-count')).toHaveText('7 of 36 questions');
  await page.getByLabel('Second source').selectOption('GRPO');
  await expect(page.getByTestId('paired-summary')).toContainText('GRPO 47.22%');

  // judge agreement between the file's two label columns: 7 hedged / glossed answers disagree
  const agreement = page.getByRole('group', { name: 'Judge agreement' });
  await expect(agreement.getByTestId('agreement-summary')).toContainText('108 items labelled by both: agreement 93.52%');
  await expect(agreement.getByTestId('disagreement-count')).toHaveText('7 disagreements');
  await expect(agreement.getByTestId('disagree-LRPO/zh-03')).toContainText('NOT_ATTEMPTED');
  await expect(agreement.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();

  // the Scores and Items panels for one model
  await page.getByLabel('Scores for model').selectOption('LRPO');
  await expect(page.getByTestId('accuracy')).toContainText('86.11%accuracy (31/36 CORRECT)');
  await expect(page.getByTestId('items-count')).toHaveText('36 of 36 items (all items)');
  await page.getByLabel('Scores for model').selectOption('');
  await expect(page.getByTestId('accuracy')).toContainText('(60/108 CORRECT)');

  // exports: the comparison table as CSV, the figures as SVG and PNG
  const csv = (await download(page, 'Comparison table (CSV)')).bytes.toString('utf8').split('\r\n');
  expect(csv[0]).toBe('source,group,n,correct,accuracy,ci95_low,ci95_high,CORRECT,CORRECT_BUT_WRONG_LANGUAGE,INCORRECT,NOT_ATTEMPTED,UNPARSEABLE,UNJUDGED,bootstrap_samples,bootstrap_seed');
  expect(csv.find((l) => l.startsWith('base,overall,'))).toMatch(/^base,overall,36,12,0\.3333333333333333,0\.\d+,0\.\d+,12,/);
  expect(csv.filter((l) => l.startsWith('LRPO,'))).toHaveLength(7);
  const svg = await download(page, 'Figure (SVG): care-pro-illustrative-accuracy');
  expect(svg.name).toBe('care-pro-illustrative-accuracy.svg');
  expect(svg.bytes.toString('utf8')).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg.bytes.toString('utf8')).toContain('LRPO');
  const png = await download(page, 'Figure (PNG): care-pro-illustrative-labels');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(2000);
  expect(errors).toEqual([]);
});

test('judge agreement between two judge models of a scripted server', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto('/#evaluate');
  await page.getByLabel('Predictions file').setInputFiles(path.join(here, 'fixtures/eval/agreement-predictions.csv'));
  await expect(page.getByTestId('eval-loaded')).toContainText('agreement-predictions.csv: 4 rows');
  await expect(page.getByTestId('agreement-empty')).toBeVisible();
  await page.getByLabel('Base URL').fill(judge.url);
  await page.getByLabel('Model').fill('judge-a');
  await page.getByRole('button', { name: 'Judge 4 unjudged' }).click();
  await page.getByRole('button', { name: 'Allow and reload' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('eval-loaded')).toContainText('agreement-predictions.csv: 4 rows');
  await page.getByLabel('Model').fill('judge-a');
  await page.getByRole('button', { name: 'Judge 4 unjudged' }).click();
  await expect(page.getByRole('status')).toContainText('Judged 4 rows', { timeout: 60_000 });
  await page.getByLabel('Model').fill('judge-b');
  await page.getByRole('button', { name: 'Re-judge all' }).click();
  await expect(page.getByRole('status')).toContainText('Judged 4 rows (0 from the cache', { timeout: 60_000 });
  const agreement = page.getByRole('group', { name: 'Judge agreement' });
  await expect(agreement.getByLabel('First label set')).toHaveValue('judge: judge-a');
  await expect(agreement.getByLabel('Second label set')).toHaveValue('judge: judge-b');
  // A/A, C/A, D/D, B/C: agreement 2/4; chance .25 (hand-computed), kappa (.5 − .25)/.75 = 0.333
  await expect(agreement.getByTestId('agreement-summary')).toContainText("4 items labelled by both: agreement 50.00%, Cohen's κ = 0.333 (chance agreement 25.00%)");
  await expect(agreement.getByTestId('disagreement-count')).toHaveText('2 disagreements');
  await expect(agreement.getByTestId('disagree-a2')).toContainText('Creo que Madrid.');
  expect(judge.requests.map((r) => r.model)).toEqual([...Array(4).fill('judge-a'), ...Array(4).fill('judge-b')]);
  expect(errors.filter((e) => !/Content Security Policy|ERR_|Failed to load resource/.test(e))).toEqual([]);
});

test('open a benchmark in the hub layout from an allowed origin (cached), then generate predictions', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto('/#evaluate');
  const panel = page.getByRole('group', { name: 'Open CARE (Pro)' });
  await expect(panel.getByLabel('Dataset repository')).toHaveValue('geyang627/care_pro');
  await panel.getByLabel('Hub URL').fill(hub.url);
  await panel.getByLabel('Dataset repository').fill('ours/care-pro-layout');
  await panel.getByRole('button', { name: 'Open from the hub' }).click();
  await expect(panel.getByRole('alert')).toContainText(`Allow http://127.0.0.1:${hub.port} to download the dataset?`);
  expect(hub.requests).toEqual([]);
  await panel.getByRole('button', { name: 'Allow and reload' }).click();
  await page.waitForLoadState('load');
  await expect(panel.getByLabel('Hub URL')).toHaveValue(hub.url);
  await expect(panel.getByLabel('Dataset repository')).toHaveValue('ours/care-pro-layout');
  await panel.getByRole('button', { name: 'Open from the hub' }).click();
  await expect(panel.getByTestId('benchmark-status')).toContainText(
    'Opened ours/care-pro-layout@main (0 of 2 files from the browser cache): 5 records from 2 files (data/chinese.json 2, data/es_hi.jsonl 3). Language from the file name: data/chinese.json → zh.',
  );
  await expect(page.getByTestId('eval-loaded')).toContainText('ours__care-pro-layout@main.jsonl: 5 rows');
  await expect(page.getByTestId('eval-loaded')).toContainText('Benchmark questions without predictions');
  await expect(page.getByTestId('eval-loaded')).toContainText('target ← answer');
  await expect(page.getByTestId('eval-loaded')).toContainText('translation ← translated_question');
  await expect(page.getByTestId('eval-loaded')).toContainText('setting ← type');
  expect(hub.requests.filter((p) => p.includes('/resolve/'))).toHaveLength(2);

  // a second open reads the files from the browser cache
  await panel.getByRole('button', { name: 'Open from the hub' }).click();
  await expect(panel.getByTestId('benchmark-status')).toContainText('(2 of 2 files from the browser cache)');
  expect(hub.requests.filter((p) => p.includes('/resolve/'))).toHaveLength(2);

  // then generate predictions with the current model (the default warm start; hi has no tag in it)
  await page.getByLabel('Max new tokens').fill('4');
  await page.getByRole('button', { name: 'Generate predictions with the current model' }).click();
  await expect(page.getByTestId('generate-message')).toContainText('Generated 4 predictions', { timeout: 170_000 });
  await expect(page.getByTestId('acc-generated-overall')).toContainText('(0/4)');
  await expect(page.getByRole('button', { name: 'Judge 4 unjudged' })).toBeEnabled();

  // and judge them (a second origin to allow: the generated source survives the reload)
  await page.getByLabel('Base URL').fill(anyJudge.url);
  await page.getByRole('textbox', { name: 'Model' }).fill('judge-c');
  await page.getByRole('button', { name: 'Judge 4 unjudged' }).click();
  await page.getByRole('button', { name: 'Allow and reload' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('acc-generated-overall')).toContainText('(0/4)');
  await page.getByRole('textbox', { name: 'Model' }).fill('judge-c');
  await page.getByRole('button', { name: 'Judge 4 unjudged' }).click();
  await expect(page.getByRole('status')).toContainText('Judged 4 rows', { timeout: 60_000 });
  await expect(page.getByTestId('label-counts')).toHaveText('CORRECT: 0 · CORRECT_BUT_WRONG_LANGUAGE: 0 · INCORRECT: 4 · NOT_ATTEMPTED: 0 · UNPARSEABLE: 0 · UNJUDGED: 0');
  expect(anyJudge.requests).toHaveLength(4);
  expect(errors.filter((e) => !/Content Security Policy|ERR_|Failed to load resource/.test(e))).toEqual([]);
});

test('open a benchmark folder: files merged, language from the file name, questions only', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto('/#evaluate');
  const panel = page.getByRole('group', { name: 'Open CARE (Pro)' });
  await panel.getByLabel('Benchmark folder').setInputFiles(path.join(here, 'fixtures/eval/care-pro-layout'));
  await expect(panel.getByTestId('benchmark-status')).toContainText('Opened the folder care-pro-layout: 5 records from 2 files');
  await expect(panel.getByTestId('benchmark-status')).toContainText('care-pro-layout/data/chinese.json → zh');
  await expect(page.getByTestId('eval-loaded')).toContainText('care-pro-layout.jsonl: 5 rows');
  await expect(page.getByTestId('eval-loaded')).toContainText('Benchmark questions without predictions');
  // nothing to judge until predictions exist
  await expect(page.getByRole('button', { name: 'Judge 0 unjudged' })).toBeVisible();
  await page.getByTestId('item-es-1').click();
  await expect(page.getByTestId('detail-prediction')).toHaveText('(empty)');
  expect(errors).toEqual([]);
});
