// Bad files in the Train view: checkpoints (wrong shapes, wrong names, truncated, not a checkpoint,
// a bad config.json, NaN weights), calibration tables and run configs. Each is refused with a message
// naming the file and the reason, and the run that was there stays: its step, its chart points, its
// weights (the exported checkpoint is byte-identical) and what it started from.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readSafetensors, writeSafetensors } from '../src/engine/checkpoint/safetensors';
import { chart, collectErrors, stepOf, tinyQuery, waitForState, waitForStep } from './studio-helpers';

test.describe.configure({ mode: 'serial' });

const REWARD_CHART = 'Reward (batch mean, min, max)';
type InFile = { name: string; mimeType: string; buffer: Buffer };
const file = (name: string, content: Buffer | string): InFile => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });

async function download(page: Page, button: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await d.path())!);
}

/** A fresh tiny run (any earlier test's save is reset away) with `steps` single steps taken. */
async function runWithSteps(page: Page, steps: number): Promise<void> {
  await page.goto(`/?${tinyQuery({ test: 'drills' })}#train`);
  await waitForState(page, 'ready');
  await page.getByRole('button', { name: '↺ Reset' }).click();
  await waitForState(page, 'ready');
  for (let i = 1; i <= steps; i++) {
    await page.getByRole('button', { name: '⏭ Single step' }).click();
    await waitForStep(page, i);
    await waitForState(page, 'paused');
  }
}

/** The run is where it was: same step, paused, and the reward chart still has one point per step. */
async function expectRunIntact(page: Page, step: number): Promise<void> {
  await waitForState(page, 'paused');
  expect(await stepOf(page)).toBe(step);
  await expect(await chart(page, REWARD_CHART)).toHaveAttribute('data-points', String(step));
}

/** The bundle with its tensors edited (the embedded config kept). */
function editBundle(bundle: Buffer, edit: (t: Map<string, { shape: number[]; data: Float32Array }>) => void): Buffer {
  const st = readSafetensors(new Uint8Array(bundle), 'bundle');
  const tensors = new Map([...st.tensors].map(([k, t]) => [k, { shape: [...t.shape], data: t.data.slice() }]));
  edit(tensors);
  return Buffer.from(writeSafetensors(tensors, st.metadata));
}

test('bad checkpoints are refused by file and reason; the run, its weights, charts and starting checkpoint stay', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  await runWithSteps(page, 0);
  // start the run from a checkpoint file, so "started from" has something to keep
  const good = await download(page, 'Checkpoint (.safetensors)');
  await page.getByLabel('Open checkpoint').setInputFiles(file('good.safetensors', good));
  await expect(page.getByTestId('checkpoint-in-use')).toContainText('started from good.safetensors', { timeout: 60_000 });
  await waitForState(page, 'ready');
  for (let i = 1; i <= 2; i++) {
    await page.getByRole('button', { name: '⏭ Single step' }).click();
    await waitForStep(page, i);
    await waitForState(page, 'paused');
  }
  await expectRunIntact(page, 2);
  const weights = await download(page, 'Checkpoint (.safetensors)');

  const st = readSafetensors(new Uint8Array(good), 'good');
  const [posRows, width] = st.tensors.get('transformer.wpe.weight')!.shape;
  const folderWeights = Buffer.from(writeSafetensors(new Map([...st.tensors].map(([k, t]) => [k, { shape: t.shape, data: t.data }])), { format: 'pt' }));
  const cases: { files: InFile[]; shown: string; reason: RegExp }[] = [
    {
      files: [file('shape.safetensors', editBundle(good, (t) => {
        const w = t.get('transformer.wpe.weight')!;
        t.set('transformer.wpe.weight', { shape: [posRows / 2, width], data: w.data.slice(0, w.data.length / 2) });
      }))],
      shown: 'shape.safetensors',
      reason: new RegExp(`shape\\.safetensors: tensor 'transformer\\.wpe\\.weight' has shape \\[${posRows / 2}, ${width}\\], expected \\[${posRows}, ${width}\\]`),
    },
    {
      files: [file('names.safetensors', editBundle(good, (t) => {
        t.set('transformer.h.0.attn.c_attn.W', t.get('transformer.h.0.attn.c_attn.weight')!);
        t.delete('transformer.h.0.attn.c_attn.weight');
      }))],
      shown: 'names.safetensors',
      reason: /names\.safetensors: (unexpected|missing) tensor 'transformer\.h\.0\.attn\.c_attn\.(W|weight)'/,
    },
    { files: [file('half.safetensors', good.subarray(0, good.length >> 1))], shown: 'half.safetensors', reason: /half\.safetensors: tensor '[^']+' ends at byte \d+ but the file holds only \d+ data bytes/ },
    { files: [file('notes.txt', 'these are my notes, not a checkpoint')], shown: 'notes.txt', reason: /notes\.txt: truncated or not safetensors/ },
    {
      files: [file('config.json', '{ "model_type": "gpt2", "n_layer": '), file('model.safetensors', folderWeights)],
      shown: 'config.json + model.safetensors',
      reason: /\.\/config\.json: not valid JSON/,
    },
    {
      files: [file('nan.safetensors', editBundle(good, (t) => void (t.get('transformer.ln_f.weight')!.data[1] = NaN)))],
      shown: 'nan.safetensors',
      reason: /nan\.safetensors: tensor 'transformer\.ln_f\.weight': 1 non-finite value of \d+ \(1 NaN; the first at index 1\)/,
    },
  ];
  for (const c of cases) {
    await page.getByLabel('Open checkpoint').setInputFiles(c.files);
    const alert = page.getByTestId('checkpoint-error');
    await expect(alert).toContainText(c.reason, { timeout: 60_000 });
    await expect(alert).toContainText('The current run, its weights and its charts are unchanged.');
    await expect(page.getByRole('list', { name: 'Run log' })).toContainText(`checkpoint ${c.shown} refused`);
    await expect(page.getByTestId('checkpoint-in-use')).toHaveText(/started from good\.safetensors/);
    await expectRunIntact(page, 2);
  }
  // the weights are the same bytes as before the bad files
  expect((await download(page, 'Checkpoint (.safetensors)')).equals(weights)).toBe(true);
  // the run carries on, and a Reset starts from the good file again (no bad file was kept)
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, 3);
  await waitForState(page, 'paused');
  await page.getByRole('button', { name: '↺ Reset' }).click();
  await waitForState(page, 'ready');
  expect(await stepOf(page)).toBe(0);
  await expect(page.getByTestId('banner')).toHaveCount(0);
  await expect(page.getByTestId('checkpoint-in-use')).toHaveText(/started from good\.safetensors/);
  expect(errors).toEqual([]);
});

test('calibration tables: bad rows listed by file, line and field; a file without a usable row keeps the table in use', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await runWithSteps(page, 2);
  await page.getByRole('tab', { name: 'Reward' }).click();
  const inUse = page.getByTestId('calibration-in-use');
  await expect(inUse).toHaveText('none (reward.calibration is "none")');
  const picker = page.locator('.calibration-picker');

  const goodCsv = 'lang_a,lang_b,count,mean,std\nen,de,100,0.62,0.1\nen,fr,80,0.7,0.1\nen,es,ten,0.7,0.1\n';
  await page.getByLabel('Open calibration table').setInputFiles(file('good.csv', goodCsv));
  await expect(inUse).toHaveText('good.csv (mean shift, 2 language pairs, opened file)', { timeout: 60_000 });
  await expect(picker.locator('.problem-list')).toContainText("good.csv, line 4, count: 'ten' is not a positive integer");
  await expectRunIntact(page, 2);

  const bad: { f: InFile; line: string }[] = [
    { f: file('bad.csv', 'lang_a,lang_b,count,mean,std\nxx1,en,5,0.5,0.1\nen,de,5,7,0.1\n'), line: "bad.csv, line 2, lang_a: 'xx1' is not a language code" },
    { f: file('bad.json', '{"pairs": {\n  "de-en": {"quantiles": [0, 1], "values": [0.2, 0.9]\n}'), line: 'bad.json, line 3: not valid JSON' },
    { f: file('bytes.csv', Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x0a, 0xc3, 0x28, 0x0a])), line: "bytes.csv, line 1, lang_a: the header has no column 'lang_a'" },
  ];
  for (const b of bad) {
    await page.getByLabel('Open calibration table').setInputFiles(b.f);
    const list = picker.locator('.problem-list');
    await expect(list).toContainText(`${b.f.name} was not used: it has no usable row (the table in use is unchanged)`, { timeout: 60_000 });
    await expect(list).toContainText(b.line);
    await expect(inUse).toHaveText('good.csv (mean shift, 2 language pairs, opened file)');
    await expectRunIntact(page, 2);
  }
  // the run goes on with the table in use
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, 3);
  await expect(page.getByRole('list', { name: 'Run log' })).toContainText('calibration table in use: good.csv (2 pairs, 1 rows skipped)');
  expect(errors).toEqual([]);
});

test('run config files: export writes RUN.json; a bad one is refused by field path and changes nothing', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await runWithSteps(page, 2);
  const exported = JSON.parse((await download(page, 'Export run.json')).toString('utf8'));
  expect(exported).toMatchObject({ seed: 1, model: { n_layer: 1, n_embd: 32 }, actor: { rollout_n: 4 }, trainer: { save_freq: 2 } });
  const url = page.url();
  await page.getByRole('tab', { name: 'Router' }).click();
  const alpha = page.locator('#cfg-router\\.lang_policy_alpha');
  const alphaBefore = await alpha.inputValue();
  const problems = page.locator('.config-editor .problem-list');

  await page.getByLabel('Open run config').setInputFiles(file('broken.json', '{\n  "seed": 3,\n  "actor": {,\n}'));
  await expect(problems).toContainText('The run config file was not applied (the configuration in use is unchanged)');
  await expect(problems).toContainText('broken.json, line 3: not valid JSON');
  await page.getByLabel('Open run config').setInputFiles(file('bad-run.json', JSON.stringify({
    seed: 'seven', actor: { rollout_n: 4, bogus: true }, router: { lang_policy_alpha: 3 }, trainer: { save_freq: -1 },
  })));
  for (const line of [
    'bad-run.json, actor.bogus: is not a run config option',
    'bad-run.json, seed: must be an integer, got "seven"',
    'bad-run.json, router.lang_policy_alpha: must be in (0, 1], got 3',
    'bad-run.json, trainer.save_freq: must be an integer in [0, ∞], got -1',
  ]) await expect(problems).toContainText(line);
  expect(page.url()).toBe(url);
  await expect(alpha).toHaveValue(alphaBefore);
  await expectRunIntact(page, 2);

  // the exported file reads back; edited, it applies (to the URL now, to the run on Reset)
  await page.getByLabel('Open run config').setInputFiles(file('run.json', JSON.stringify({ ...exported, router: { ...exported.router, lang_policy_alpha: 0.3 } })));
  await expect(problems).toHaveCount(0);
  await expect(alpha).toHaveValue('0.3');
  await expect(page).toHaveURL(/router\.lang_policy_alpha=0\.3/);
  await expectRunIntact(page, 2);
  expect(errors).toEqual([]);
});
