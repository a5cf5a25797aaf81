// Evaluate: generate predictions with the current model (no run built yet: the default warm start
// models/demo-sft) for the small CARE fixture, with a tiny max-new-tokens. Progress completes, the
// rows whose language has a tag get non-empty generated text, the Hindi row (no <|out_lang_hi|> in
// the demo model) is reported and left out, the file's predictions stay one click away, the
// generated source survives the allow-and-reload, and judging then grades the generated text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { loadCheckpoint } from '../src/engine/checkpoint/checkpoint';
import { CpuModel } from '../src/engine/gpt/cpu-model';
import { ByteTokenizer } from '../src/engine/tokenizer/byte-tokenizer';
import { generatePredictions } from '../src/eval/generate-predictions';
import { startMockJudgeServer, type MockJudgeServer, type Script } from './fixtures/mock-judge-server';
import { collectErrors } from './studio-helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, 'fixtures/eval/care-predictions-small.parquet');
// rows of the fixture (no id column: ids are row-<index>): es, zh, hi, es
const TAGGED = ['row-0', 'row-1', 'row-3'];
const FILE_PREDICTIONS: Record<string, string> = { 'row-0': 'Madrid', 'row-1': 'Beijing', 'row-2': 'होली', 'row-3': 'El Guadalquivir' };
// filled in once the model's answers are known; the server reads it on every request
const script: Script = {};
let server: MockJudgeServer;

test.beforeAll(async () => {
  server = await startMockJudgeServer(script);
});
test.afterAll(async () => {
  await server.close();
});

/** The same checkpoint decoded greedily by the CPU reference engine in Node: what the page must show. */
async function cpuReference(questions: { id: string; question: string; language: string }[], maxNewTokens: number): Promise<Map<string, string>> {
  const dir = path.join(here, '../public/models/demo-sft');
  const files = new Map(['config.json', 'model.safetensors', 'special_tokens.json'].map((n) => [n, new Uint8Array(readFileSync(path.join(dir, n)))]));
  const ckpt = await loadCheckpoint(files, 'models/demo-sft');
  const model = new CpuModel(ckpt.config, undefined, 0);
  await model.importParams(ckpt.params);
  const out = await generatePredictions(model, new ByteTokenizer(ckpt.specialTokens!), questions, { maxNewTokens });
  return new Map(out.map((p) => [p.id, p.prediction]));
}

const predictionCell = (page: Page, id: string) => page.getByTestId(`item-${id}`).locator('td').nth(5);

async function exportedRows(page: Page): Promise<{ id: string; prediction: string; label: string | null }[]> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Judged rows (JSONL)' }).click()]);
  expect(d.suggestedFilename()).toMatch(/-generated-judged\.jsonl$/);
  return readFileSync((await d.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

test('generate predictions with the default model, switch sources, keep them over a reload, judge them', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/#evaluate');
  await page.getByLabel('Predictions file').setInputFiles(FIXTURE);
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions-small.parquet: 4 rows');
  await expect(page.getByText('no run is built yet')).toContainText('models/demo-sft');

  await page.getByLabel('Max new tokens').fill('6');
  await page.getByRole('button', { name: 'Generate predictions with the current model' }).click();
  await expect(page.getByTestId('generate-progress')).toHaveText('3 / 3 generated', { timeout: 150_000 });
  await expect(page.getByTestId('generate-message')).toContainText('Generated 3 predictions.');
  await expect(page.getByTestId('generate-message')).toContainText('Skipped 1 question (hi ×1)');
  await expect(page.getByTestId('generated-skipped')).toContainText('Not generated: 1 question (hi ×1)');
  await expect(page.getByTestId('generated-skipped')).toContainText('Ids: row-2.');
  await expect(page.getByTestId('generated-label')).toContainText(/run model at step 0 \((webgpu|cpu)\) · tag mode · greedy · ≤ 6 new tokens/);

  // the generated source is active: 3 items, each with the model's (non-empty) text
  await expect(page.getByTestId('items-count')).toContainText('3 of 3 items');
  await expect(page.getByTestId('item-row-2')).toHaveCount(0);
  const generated: Record<string, string> = {};
  for (const id of TAGGED) {
    const text = (await predictionCell(page, id).textContent()) ?? '';
    expect(text.length, `prediction of ${id}`).toBeGreaterThan(0);
    generated[id] = text;
  }
  await expect(page.getByTestId('label-counts')).toContainText('UNJUDGED: 3');

  // the file's predictions are one click away, untouched, with the Hindi row
  await page.getByLabel('from the file (4)').check();
  await expect(page.getByTestId('items-count')).toContainText('4 of 4 items');
  for (const [id, p] of Object.entries(FILE_PREDICTIONS)) await expect(predictionCell(page, id)).toHaveText(p);
  await page.getByLabel(/generated by the model \(3 of 4\)/).check();
  for (const id of TAGGED) await expect(predictionCell(page, id)).toHaveText(generated[id]);

  // exact generated texts (the table clips long text) script the judge: the first row CORRECT, the others INCORRECT
  const rows = await exportedRows(page);
  expect(rows.map((r) => r.id)).toEqual(TAGGED);
  const exact = new Map(rows.map((r) => [r.id, r.prediction]));
  for (const id of TAGGED) expect(exact.get(id)!.startsWith(generated[id].replace(/…$/, ''))).toBe(true);
  const questions = [
    { id: 'row-0', question: '¿Cuál es la capital de España?', language: 'es' },
    { id: 'row-1', question: '中国的首都是哪里?', language: 'zh' },
    { id: 'row-3', question: '¿Qué río pasa por Sevilla?', language: 'es' },
  ];
  expect(exact).toEqual(await cpuReference(questions, 6));
  // (the scripted reply is per text: rows with the same generated text get the same label)
  const first = exact.get('row-0')!;
  for (const p of exact.values()) script[p] = [{ reply: p === first ? 'A' : 'C' }];
  const correct = TAGGED.filter((id) => exact.get(id) === first).length;
  test.info().annotations.push({ type: 'generated', description: `${await page.getByTestId('generated-label').textContent()}: ${JSON.stringify(Object.fromEntries(exact))}` });

  // allowing the judge endpoint reloads the page: the generated source comes back, still active
  await page.getByLabel('Base URL').fill(server.url);
  await page.getByLabel('Model', { exact: true }).fill('mock-judge');
  await page.getByRole('button', { name: 'Judge 3 unjudged' }).click();
  await page.getByRole('button', { name: 'Allow and reload' }).click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('prediction-sources')).toBeVisible();
  await expect(page.getByLabel(/generated by the model \(3 of 4\)/)).toBeChecked();
  for (const id of TAGGED) await expect(predictionCell(page, id)).toHaveText(generated[id]);
  await expect(page.getByTestId('generated-skipped')).toContainText('hi ×1');

  await page.getByLabel('Model', { exact: true }).fill('mock-judge');
  await page.getByRole('button', { name: 'Judge 3 unjudged' }).click();
  await expect(page.getByRole('status')).toContainText('Judged 3 rows', { timeout: 60_000 });
  await expect(page.getByTestId('label-counts')).toHaveText(
    `CORRECT: ${correct} · CORRECT_BUT_WRONG_LANGUAGE: 0 · INCORRECT: ${3 - correct} · NOT_ATTEMPTED: 0 · UNPARSEABLE: 0 · UNJUDGED: 0`,
  );
  // the judge was asked about the generated text only
  expect(new Set(server.requests.map((r) => r.prediction))).toEqual(new Set(exact.values()));

  // the file source keeps its own (unjudged) state
  await page.getByLabel('from the file (4)').check();
  await expect(page.getByTestId('label-counts')).toContainText('UNJUDGED: 4');
  expect(errors).toEqual([]);
});
