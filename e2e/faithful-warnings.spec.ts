import { test, expect } from '@playwright/test';
import { tinyQuery } from './studio-helpers';

// Before training, the studio says what would not be the reference: the `match` similarity on rows
// without a reference in a router language (Data and Train views, naming rows and languages), and the
// settings a verl export would have ignored (Train view, beside the export button).
const ROWS = [
  // authored by us for this test
  { question: 'Capital of France?', answer: 'Paris', ability: 'General Knowledge', extra_info: { language: 'english', references: Object.fromEntries(['ar', 'de', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'vi', 'zh'].map((l) => [l, 'Paris'])) } },
  { question: 'Colour of the sky?', answer: 'blue', ability: 'General Knowledge', extra_info: { language: 'english', references: { de: 'blau' } } },
];

test('match coverage and verl export warnings are shown before training', async ({ page }) => {
  await page.goto(`/?${tinyQuery({ test: '1' })}#data`);
  await expect(page.getByTestId('stat-rows')).toContainText('441');
  await expect(page.getByTestId('match-coverage')).toHaveCount(0); // the demo has every reference
  const jsonl = Buffer.from(ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await page.getByLabel('Open dataset file').setInputFiles({ name: 'partial.jsonl', mimeType: 'application/jsonl', buffer: jsonl });
  await expect(page.getByTestId('stat-rows')).toContainText('2');
  const note = page.getByTestId('match-coverage');
  await expect(note).toContainText("reward.similarity 'match': 1 of 2 routable rows have no reference answer in some router language (13 languages:");
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('match-coverage')).toContainText('1 of 2 routable rows');
  // the tiny preset has rollout.n 4 and the match similarity: both listed for the verl export
  const warnings = page.getByRole('list', { name: 'verl export warnings' });
  await expect(warnings).toContainText("actor.rollout_n: rollout.n is 4, but the reference's grouped sampler hard-codes n = 8");
  await expect(warnings).toContainText('reward.similarity:');
});
