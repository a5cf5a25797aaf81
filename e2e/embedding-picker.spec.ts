// The embedding model picker in the Train view's reward settings, in the real build: a bad model file
// is refused by name and reason and the similarity in use stays; the tiny authored ONNX model and its
// tokenizer.json, chosen one after the other, become the reward's similarity (onnxruntime-web in the
// training worker), and the rollouts of the next two steps carry its values: each one equals the
// cosine of the hand-pooled embedding table rows of the response and the reference (computed here,
// in Node) and not chrF's. A bad model while it is in use keeps it; a reload resumes with it from
// browser storage.
import { test, expect, type Page } from '@playwright/test';
import { Tokenizer } from '@huggingface/tokenizers';
import { buildEmbeddingLookupModel, TINY_TABLE, TINY_TOKENIZER } from '../src/lrpo/rewards/embedding-fixtures';
import { chrFSimilarity } from '../src/lrpo/rewards/chrf';
import { collectErrors, stepOf, tinyQuery, waitForState, waitForStep } from './studio-helpers';

type InFile = { name: string; mimeType: string; buffer: Buffer };
const file = (name: string, content: Buffer | string, mimeType = 'application/octet-stream'): InFile => ({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
const MODEL = file('tiny.onnx', Buffer.from(buildEmbeddingLookupModel(TINY_TABLE)));
const TOKENIZER = file('tokenizer.json', JSON.stringify(TINY_TOKENIZER), 'application/json');
const BAD_MODEL = file('broken.onnx', Buffer.from([0x08, 0x07, 0xff, 0xfe, 0x00, 0x9c, 0x41, 0x42, 0x43]));

// two questions whose references are words of the tiny vocabulary
const ROWS = [
  { question: 'Say hello to the world.', answer: 'hello world', ability: 'General Knowledge', extra_info: { language: 'en' } },
  { question: 'Dis bonjour au monde.', answer: 'bonjour monde', ability: 'General Knowledge', extra_info: { language: 'fr' } },
];
const DATASET = file('tiny-vocab.jsonl', ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');

/** the tiny model's similarity by hand: tokenizer.json's ids, mean of the table rows, L2-normalized, dot */
const tok = new Tokenizer(TINY_TOKENIZER as unknown as Record<string, unknown>, {});
function embedding(text: string): number[] {
  const ids = tok.encode(text).ids as number[];
  const mean = [0, 1, 2].map((d) => ids.reduce((s, id) => s + TINY_TABLE[id][d], 0) / ids.length);
  const n = Math.hypot(...mean);
  return mean.map((x) => x / n);
}
function cosine(a: string, b: string): number {
  const [x, y] = [embedding(a), embedding(b)];
  return Math.min(1, Math.max(-1, x[0] * y[0] + x[1] * y[1] + x[2] * y[2]));
}

async function rollouts(page: Page): Promise<{ question: string; response: string; similarity: number }[]> {
  const rows = await page.getByRole('table', { name: 'Rollouts' }).locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return rows.map((c) => ({ question: c[1], response: c[6], similarity: Number(c[8]) }));
}
const answerOf = (question: string) => ROWS.find((r) => question.includes(r.question))!.answer;
/** the table shows 3 decimals: within half a unit of the last one (plus float32 rounding) */
const shownAs = (shown: number, exact: number) => Math.abs(shown - exact) <= 0.0005 + 1e-6;

async function singleStep(page: Page, n: number): Promise<void> {
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, n);
  await waitForState(page, 'paused');
}

test('open an embedding model from files: refused files keep the backend; the model scores the next steps; a reload resumes with it', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  await page.goto(`/?${tinyQuery({ test: 'drills' })}#data`);
  // the demo dataset loads on start; the file is opened after it, so it replaces the demo
  const usable = page.getByTestId('stat-usable').locator('b');
  await expect(usable).toHaveText(/^[1-9]\d+$/, { timeout: 60_000 });
  await page.getByLabel('Open dataset file').setInputFiles(DATASET);
  await expect(usable).toHaveText('2', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await waitForState(page, 'ready');
  await page.getByRole('tab', { name: 'Reward' }).click();
  const inUse = page.getByTestId('similarity-in-use');
  const picker = page.locator('.embedding-picker');
  const problems = picker.locator('.problem-list');
  await expect(inUse).toHaveText('match (chrF; reward.similarity is "match")');

  // a broken model chosen with the tokenizer: refused by name and reason; chrF stays; the tokenizer stays chosen
  await page.getByLabel('Open embedding model').setInputFiles([BAD_MODEL, TOKENIZER]);
  await expect(problems).toContainText('Embedding model not used (the similarity in use is unchanged)', { timeout: 60_000 });
  await expect(problems).toContainText('broken.onnx: not an ONNX model: onnxruntime cannot read it');
  await expect(inUse).toHaveText('match (chrF; reward.similarity is "match")');
  await expect(page.getByTestId('embedding-held')).toHaveText("tokenizer.json is chosen: now choose the model's .onnx file");

  // the good model, chosen on its own, completes the pair
  await page.getByLabel('Open embedding model').setInputFiles([MODEL]);
  const label = `embedding: tiny.onnx + tokenizer.json (opened files; ${MODEL.buffer.length} bytes; inputs input_ids, attention_mask; output last_hidden_state; embedding size 3)`;
  await expect(inUse).toHaveText(label, { timeout: 60_000 });
  await expect(problems).toHaveCount(0);
  await expect(page.getByTestId('embedding-held')).toHaveCount(0);

  // two steps: every rollout's similarity is the tiny model's cosine, not chrF
  for (const n of [1, 2]) {
    await singleStep(page, n);
    await expect(page.getByRole('heading', { name: `Rollouts of step ${n}` })).toBeVisible();
    const rows = await rollouts(page);
    expect(rows.length).toBe(8); // 2 questions × groups of 4
    for (const r of rows) {
      const exact = cosine(r.response, answerOf(r.question));
      expect(shownAs(r.similarity, exact), `response ${JSON.stringify(r.response)}: shown ${r.similarity}, tiny model ${exact}`).toBe(true);
    }
    const differ = rows.filter((r) => Math.abs(r.similarity - chrFSimilarity(r.response, answerOf(r.question))) > 0.01);
    expect(differ.length).toBeGreaterThan(0);
  }

  // a bad model while the tiny one is in use: refused, the tiny one stays and still scores
  await page.getByLabel('Open embedding model').setInputFiles([BAD_MODEL, TOKENIZER]);
  await expect(problems).toContainText('broken.onnx: not an ONNX model', { timeout: 60_000 });
  await expect(inUse).toHaveText(label);
  await singleStep(page, 3);
  for (const r of await rollouts(page)) expect(shownAs(r.similarity, cosine(r.response, answerOf(r.question)))).toBe(true);
  await expect(page.getByRole('list', { name: 'Run log' })).toContainText('embedding model refused: broken.onnx: not an ONNX model');

  // a reload: the saved run resumes with the model from browser storage
  await page.reload();
  await page.getByRole('button', { name: 'Resume it' }).click();
  await expect(page.getByTestId('banner')).toContainText('Resumed from the save at step 3', { timeout: 120_000 });
  expect(await stepOf(page)).toBe(3);
  await page.getByRole('tab', { name: 'Reward' }).click();
  await expect(page.getByTestId('similarity-in-use')).toHaveText(label, { timeout: 60_000 });
  expect(errors).toEqual([]);
});
