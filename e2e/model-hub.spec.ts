// Opening real models in the Train view without internet: a local server in the hub's URL layout
// (src/data/hub/hub-test-server.ts: /{repo}/resolve/{revision}/{file} with the hub's headers, a
// repo whose weights download drops the connection, and 404 for anything else) serves the
// ../shared/fixtures models. The hub base is allowed through the page's connection policy; a model
// opens by id with per-file progress, reopens from the browser's cache with the server stopped, a
// dropped download resumes, a missing repository is named; a local folder opens by picking its
// files, and a broken folder leaves the open model open.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startHubTestServer, type HubTestServer } from '../src/data/hub/hub-test-server';
import { stepOf, tinyQuery, waitForStep } from './studio-helpers';

const fixtures = fileURLToPath(new URL('../../shared/fixtures/', import.meta.url));
let hub: HubTestServer;
/** stands for the hub's file CDN: `redirect/*` weights on the hub answer 302 to it (another origin) */
let cdn: HubTestServer;
test.beforeAll(async () => {
  cdn = await startHubTestServer(fixtures);
  hub = await startHubTestServer(fixtures, 0, { redirectTo: cdn.url });
});
test.afterAll(async () => {
  await hub?.close();
  await cdn?.close();
});

test('open by hub id with progress, reopen from the cache offline, resume a dropped download, open a folder', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/?backend=cpu#train');
  const picker = page.getByTestId('model-picker');
  await expect(picker.getByTestId('model-in-use')).toContainText('bundled demo model');

  // nothing leaves the page before the user allows the hub's origin
  await picker.getByLabel('hub base URL').fill(hub.url);
  await picker.getByLabel('hub base URL').blur();
  await picker.getByLabel('hub repository id').fill('fixtures/qwen2-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-error')).toContainText('are not allowed yet');
  expect(hub.log).toEqual([]);
  await picker.getByRole('button', { name: 'Allow connections to it' }).click();
  await page.waitForLoadState('load');
  await expect(picker.getByLabel('hub base URL')).toHaveValue(hub.url);
  await expect(picker.getByRole('button', { name: 'Allow connections to it' })).toHaveCount(0);

  // open by id: per-file progress, then the model's summary
  await picker.getByLabel('hub repository id').fill('fixtures/qwen2-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-in-use')).toContainText('Qwen2ForCausalLM: 2 layers, hidden 64', { timeout: 60_000 });
  await expect(picker.getByTestId('download-progress')).toContainText('model.safetensors');
  await expect(picker.getByTestId('download-progress')).toContainText('✓');
  await expect(picker.getByTestId('memory-plan')).toContainText('Memory plan');
  await expect(picker.getByTestId('cached-models')).toContainText('fixtures/qwen2-tiny@main');
  // the GPU memory the run may use (a page cannot ask the GPU): a total over it refuses Start, naming
  // the largest part; a text that is not a size is named and the budget stays; empty checks limits only
  const gpuMemory = picker.getByLabel('GPU memory for the run (GiB)');
  await gpuMemory.fill('0.0001');
  await gpuMemory.press('Enter');
  await expect(picker.getByTestId('memory-plan')).toContainText(/will not fit: total .* exceeds the budget of 104.9 KiB; the largest part is/);
  await expect(page.getByTestId('start-refused')).toContainText('exceeds the budget of 104.9 KiB');
  await expect(page.getByRole('button', { name: '▶ Start' })).toBeDisabled();
  await gpuMemory.fill('lots');
  await gpuMemory.press('Enter');
  await expect(picker.getByRole('alert').filter({ hasText: 'GPU memory "lots" is not a positive number of GiB' })).toBeVisible();
  await expect(picker.getByTestId('memory-plan')).toContainText('exceeds the budget of 104.9 KiB');
  await gpuMemory.fill('');
  await gpuMemory.press('Enter');
  await expect(picker.getByTestId('memory-plan')).not.toContainText('will not fit');
  await expect(page.getByTestId('start-refused')).toHaveCount(0);
  // the run config now names it, with verl's LoRA options and chat mode (in the URL too)
  await expect.poll(() => new URL(page.url()).searchParams.get('model.path')).toBe('fixtures/qwen2-tiny');
  expect(new URL(page.url()).searchParams.get('data.instruction_mode')).toBe('chat');
  expect(Number(new URL(page.url()).searchParams.get('model.lora_rank'))).toBeGreaterThan(0);

  // a missing repository is named, and the open model stays open
  await picker.getByLabel('hub repository id').fill('nobody/nothing');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-error')).toContainText('nobody/nothing@main: no such repository or revision');
  await expect(picker.getByTestId('model-in-use')).toContainText('fixtures/qwen2-tiny');
  await picker.getByRole('button', { name: 'Dismiss' }).click();

  // a dropped connection: the bytes are kept and the next open resumes them
  await picker.getByLabel('hub repository id').fill('flaky/qwen3-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-error')).toContainText(/model\.safetensors: the connection (dropped|ended) after \d+ of \d+ bytes/);
  await picker.getByRole('button', { name: 'Dismiss' }).click();
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-in-use')).toContainText('Qwen3ForCausalLM', { timeout: 60_000 });
  await expect(picker.getByTestId('download-progress')).toContainText('resumed at');
  expect(hub.log.some((l) => /GET \/flaky\/qwen3-tiny\/resolve\/main\/model\.safetensors bytes=\d+-/.test(l))).toBe(true);

  // a hub that redirects weights to its CDN on another origin: the blocked redirect is reported with
  // how to allow it (Chromium does not reveal a redirect's target to the page, so a mirror's CDN
  // origin cannot be named), the open model stays open; once the origin is allowed the download goes through
  await expect(picker.getByLabel('download origins')).toHaveValue(''); // no prefill for a mirror
  await picker.getByLabel('hub repository id').fill('redirect/llama-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-error')).toContainText(`model.safetensors: ${hub.url} redirected the download to another origin, which this page may not connect to`);
  await expect(picker.getByTestId('model-error')).toContainText('to "download origins" next to the hub base and press "Allow connections to it"');
  await expect(picker.getByTestId('model-in-use')).toContainText('Qwen3ForCausalLM');
  expect(cdn.log).toEqual([]);
  await picker.getByRole('button', { name: 'Dismiss' }).click();
  await picker.getByLabel('download origins').fill(cdn.url);
  await picker.getByLabel('download origins').blur();
  await picker.getByRole('button', { name: 'Allow connections to it' }).click();
  await page.waitForLoadState('load');
  await expect(picker.getByLabel('download origins')).toHaveValue(cdn.url);
  await expect(picker.getByRole('button', { name: 'Allow connections to it' })).toHaveCount(0);
  await picker.getByLabel('hub repository id').fill('redirect/llama-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-in-use')).toContainText('LlamaForCausalLM', { timeout: 60_000 });
  expect(cdn.log).toContain('GET /fixtures/llama-tiny/resolve/main/model.safetensors');

  // a model named by the URL (not opened in the picker) gets the same memory plan and refusal, and
  // the URL's settings stay as they are
  await page.goto('/?backend=cpu&model.path=fixtures/qwen2-tiny&model.lora_rank=4&data.instruction_mode=tag&data.max_prompt_length=100&data.max_response_length=200#train');
  await expect(picker.getByTestId('model-in-use')).toContainText('fixtures/qwen2-tiny', { timeout: 60_000 });
  await expect(picker.getByTestId('memory-plan')).toContainText('Memory plan');
  await expect(page.getByTestId('start-refused')).toContainText("data.max_prompt_length + data.max_response_length (300) exceeds the model's context of 128 tokens");
  await expect(page.getByRole('button', { name: '▶ Start' })).toBeDisabled();
  expect(new URL(page.url()).searchParams.get('data.instruction_mode')).toBe('tag');
  expect(new URL(page.url()).searchParams.get('model.lora_rank')).toBe('4');
  // one the browser does not hold: refused before Start, saying how to open it; nothing is downloaded
  const before = hub.log.length;
  await page.goto('/?backend=cpu&model.path=fixtures/qwen3-tiny#train');
  await expect(page.getByTestId('start-refused')).toContainText("model.path fixtures/qwen3-tiny is not in this browser's model cache");
  await expect(page.getByRole('button', { name: '▶ Start' })).toBeDisabled();
  expect(hub.log.length).toBe(before);

  // the server stops; after a reload the cached model opens with no network
  await hub.close();
  await page.goto('/?backend=cpu#train');
  await expect(picker.getByTestId('cached-models')).toContainText('fixtures/qwen2-tiny@main');
  await picker.getByLabel('hub repository id').fill('fixtures/qwen2-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-in-use')).toContainText('Qwen2ForCausalLM', { timeout: 60_000 });
  // a refused connection (the server is gone) for a model not cached is named, the open model stays
  await picker.getByLabel('hub repository id').fill('fixtures/qwen3-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-error')).toContainText(`config.json: the connection to ${hub.url} failed`);
  await expect(picker.getByTestId('model-in-use')).toContainText('Qwen2ForCausalLM');
  await picker.getByRole('button', { name: 'Dismiss' }).click();

  // a local folder: picked files (config, weights, tokenizer, template)
  const dir = path.join(fixtures, 'llama-tiny');
  await picker.getByLabel('Open model folder').setInputFiles(dir);
  await expect(picker.getByTestId('model-in-use')).toContainText('LlamaForCausalLM', { timeout: 60_000 });
  // a folder without its weights: named, and the open model stays open
  const broken = path.join(mkdtempSync(path.join(os.tmpdir(), 'lrpo-e2e-')), 'llama-no-weights');
  cpSync(dir, broken, { recursive: true });
  rmSync(path.join(broken, 'model.safetensors'));
  await picker.getByLabel('Open model folder').setInputFiles(broken);
  await expect(picker.getByTestId('model-error')).toContainText('no model.safetensors');
  await expect(picker.getByTestId('model-in-use')).toContainText('LlamaForCausalLM');
  // an unsupported architecture, a truncated shard, a tokenizer that does not match the vocabulary:
  // each named with its file, and the open model stays open
  const variant = (name: string, change: (dir: string) => void) => {
    const d = path.join(mkdtempSync(path.join(os.tmpdir(), 'lrpo-e2e-')), name);
    cpSync(dir, d, { recursive: true });
    change(d);
    return d;
  };
  const json = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
  const bad: [string, (d: string) => void, RegExp][] = [
    ['llama-gemma', (d) => writeFileSync(path.join(d, 'config.json'), JSON.stringify({ ...json(path.join(d, 'config.json')), architectures: ['Gemma3ForCausalLM'] })),
      /config\.json: .*architecture 'Gemma3ForCausalLM' is not supported/],
    ['llama-truncated', (d) => writeFileSync(path.join(d, 'model.safetensors'), readFileSync(path.join(d, 'model.safetensors')).subarray(0, 100_000)),
      /model\.safetensors: tensor '.*' ends at byte \d+.*truncated file/],
    ['llama-tokenizer', (d) => {
      const t = json(path.join(d, 'tokenizer.json'));
      t.added_tokens.push({ id: 1030, content: '<|extra|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
      writeFileSync(path.join(d, 'tokenizer.json'), JSON.stringify(t));
    }, /tokenizer\.json: tokenizer vocabulary mismatch: the tokenizer has ids up to 1030 but config\.json's vocab_size is 1024/],
  ];
  for (const [name, change, message] of bad) {
    await picker.getByRole('button', { name: 'Dismiss' }).click();
    await picker.getByLabel('Open model folder').setInputFiles(variant(name, change));
    await expect(picker.getByTestId('model-error')).toContainText(message);
    await expect(picker.getByTestId('model-in-use')).toContainText('llama-tiny');
  }

  // cached models can be deleted
  await picker.getByRole('button', { name: 'delete fixtures--qwen2-tiny@main' }).click();
  await expect(picker.getByTestId('cached-models')).not.toContainText('fixtures/qwen2-tiny@main');
  expect(errors).toEqual([]);
});

test('a full browser storage quota is named with the file, the open model stays open, and the download resumes once there is room', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const hub = await startHubTestServer(fixtures); // its own: the first test stops the shared one (closed at the end; a failure leaves it to the process exit)
  await page.goto('/?backend=cpu#train');
  const picker = page.getByTestId('model-picker');
  await picker.getByLabel('Open model folder').setInputFiles(path.join(fixtures, 'llama-tiny'));
  await expect(picker.getByTestId('model-in-use')).toContainText('LlamaForCausalLM', { timeout: 60_000 });
  // the origin's storage quota shrinks below what the hub model needs (Chromium's quota override)
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 150_000 });
  await picker.getByLabel('hub base URL').fill(hub.url);
  await picker.getByLabel('hub base URL').blur();
  await picker.getByRole('button', { name: 'Allow connections to it' }).click();
  await page.waitForLoadState('load');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 150_000 });
  // after the reload the URL's model.path (the folder) opens again from the browser's cache
  await expect(picker.getByTestId('model-in-use')).toContainText('llama-tiny', { timeout: 60_000 });
  await expect(picker.getByTestId('model-in-use')).toContainText('LlamaForCausalLM');
  await picker.getByLabel('hub repository id').fill('fixtures/qwen2-tiny');
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-error')).toContainText(/model\.safetensors: the browser's storage is full \(\w+\) after \d+ bytes; delete cached models or free space, then resume the download/, { timeout: 60_000 });
  await expect(picker.getByTestId('model-in-use')).toContainText('LlamaForCausalLM');
  await expect(picker.getByTestId('cached-models')).toContainText('fixtures/qwen2-tiny@main — ');
  await expect(picker.getByTestId('cached-models')).toContainText('(incomplete: open it again to resume)');
  await picker.getByRole('button', { name: 'Dismiss' }).click();
  // room again: the files already in are kept, the rest comes
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  const before = hub.log.filter((l) => l.includes('/fixtures/qwen2-tiny/')).length;
  await picker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(picker.getByTestId('model-in-use')).toContainText('Qwen2ForCausalLM', { timeout: 60_000 });
  const again = hub.log.filter((l) => l.includes('/fixtures/qwen2-tiny/')).slice(before);
  expect(again.some((l) => l.includes('tokenizer.json'))).toBe(false);
  expect(again.some((l) => l.includes('model.safetensors'))).toBe(true);
  expect(errors).toEqual([]);
  await hub.close();
});

/** clicks an export button and unzips its download; returns the folder it unzips to */
async function exportZip(page: import('@playwright/test').Page, button: string, folder: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: button }).click()]);
  expect(download.suggestedFilename()).toBe(`${folder}.zip`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'export-'));
  execFileSync('unzip', ['-q', await download.path()], { cwd: dir }); // fails on a bad archive
  return path.join(dir, folder);
}

test('train 3 LoRA steps on WebGPU in chat mode on an opened folder, export the adapter, merged model and verl folder, reload and resume', async ({ page }) => {
  test.setTimeout(900_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`/?${tinyQuery({ backend: 'webgpu', 'actor.rollout_n': '2', 'actor.ppo_mini_batch_size': '1', 'data.train_batch_size': '1', 'data.max_prompt_length': '100', 'data.max_response_length': '8', 'trainer.save_freq': '1', 'router.languages': 'de,en,es' })}#train`);
  const picker = page.getByTestId('model-picker');
  await picker.getByLabel('Open model folder').setInputFiles(path.join(fixtures, 'qwen2-tiny'));
  await expect(picker.getByTestId('model-in-use')).toContainText('Qwen2ForCausalLM', { timeout: 60_000 });
  await expect.poll(() => new URL(page.url()).searchParams.get('model.path')).toBe('qwen2-tiny');
  // a run that will not fit by the memory plan cannot start, and the plan names what to change
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  const responses = page.locator('#cfg-data\\.max_response_length');
  await responses.fill('200');
  await responses.press('Enter');
  await expect(page.getByTestId('start-refused')).toContainText("data.max_prompt_length + data.max_response_length (300) exceeds the model's context of 128 tokens");
  await expect(page.getByRole('button', { name: '▶ Start' })).toBeDisabled();
  await expect(page.getByRole('button', { name: '⏭ Single step' })).toBeDisabled();
  await responses.fill('8');
  await responses.press('Enter');
  await expect(page.getByTestId('start-refused')).toHaveCount(0);
  await expect(page.getByTestId('step-time')).toContainText('not timed yet');
  await page.getByRole('button', { name: '↺ Reset' }).click();
  await expect(page.getByTestId('adapter')).toContainText('WebGPU (Qwen2ForCausalLM)', { timeout: 120_000 });
  // before Start: one step timed in the worker on a copy of the run's state; the run stays at step 0
  await page.getByRole('button', { name: 'Estimate step time' }).click();
  await expect(page.getByTestId('step-estimate')).toContainText(/~\d+\.\d\d s per step, ~[\d.]+ (s|min|h) for \d+ steps \(rollouts [\d.]+ s, reward [\d.]+ s, advantages [\d.]+ s, update [\d.]+ s\)/, { timeout: 600_000 });
  expect(await stepOf(page)).toBe(0);
  await expect(page.getByTestId('step-time')).toContainText('not timed yet');
  console.log(`step estimate (SwiftShader): ${await page.getByTestId('step-estimate').textContent()}`);
  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 2, 600_000);
  await expect(page.getByTestId('step-time')).toContainText(/Seconds per step: \d+\.\d\d s \(step \d+, timed\)/);
  // reload mid-run: the autosave (the adapter, its AdamW state, the router) resumes
  await page.reload();
  await page.getByRole('button', { name: 'Resume it' }).click();
  await waitForStep(page, 2, 120_000);
  const resumedAt = await stepOf(page);
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, resumedAt + 1, 600_000);
  // the adapter export: PEFT tensor names
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Checkpoint (.safetensors)' }).click()]);
  expect(download.suggestedFilename()).toBe('adapter_model.safetensors');
  const bytes = readFileSync(await download.path());
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
  const names = Object.keys(header).filter((k) => k !== '__metadata__');
  expect(names.length).toBeGreaterThan(0);
  expect(names.every((k) => /^base_model\.model\.model\.layers\.\d+\.(self_attn|mlp)\.\w+_proj\.lora_[AB]\.weight$/.test(k))).toBe(true);
  // the verl launch folder: the overrides name the model and the LoRA; the script and parquet are there
  const verl = await exportZip(page, 'verl launch folder (.zip)', 'lrpo-verl-launch');
  const overrides = readFileSync(path.join(verl, 'verl_overrides.txt'), 'utf8').split('\n');
  expect(overrides).toContain('actor_rollout_ref.model.path=qwen2-tiny');
  const rank = Number(overrides.find((l) => l.startsWith('actor_rollout_ref.model.lora_rank='))?.split('=')[1]);
  expect(rank).toBeGreaterThan(0);
  expect(overrides).toContain('data.train_files=train.parquet');
  expect(readFileSync(path.join(verl, 'train.parquet')).subarray(0, 4).toString()).toBe('PAR1');
  expect(readFileSync(path.join(verl, 'run_lrpo.sh'), 'utf8')).toContain('python3 -m verl.trainer.main_ppo');
  expect(existsSync(path.join(verl, 'README.md'))).toBe(true);
  // the PEFT adapter: both files, the config naming the base and the run's rank
  const adapter = await exportZip(page, 'PEFT adapter (.zip)', 'lrpo-adapter');
  const adapterConfig = JSON.parse(readFileSync(path.join(adapter, 'adapter_config.json'), 'utf8'));
  expect(adapterConfig).toMatchObject({ peft_type: 'LORA', r: rank, base_model_name_or_path: 'qwen2-tiny' });
  const adapterBytes = readFileSync(path.join(adapter, 'adapter_model.safetensors'));
  expect(Object.keys(JSON.parse(adapterBytes.subarray(8, 8 + Number(adapterBytes.readBigUInt64LE(0))).toString('utf8'))).sort()).toEqual([...names, '__metadata__'].sort());
  // the merged model: config, weights and the tokenizer files
  const merged = await exportZip(page, 'Merged model (.zip)', 'lrpo-merged-model');
  expect(JSON.parse(readFileSync(path.join(merged, 'config.json'), 'utf8')).architectures).toEqual(['Qwen2ForCausalLM']);
  expect(existsSync(path.join(merged, 'tokenizer.json'))).toBe(true);
  expect(readFileSync(path.join(merged, 'model.safetensors')).length).toBeGreaterThan(8);
  // Evaluate generates with the opened model (its chat template, the trained adapter)
  await page.getByRole('link', { name: 'Evaluate (CARE)' }).click();
  await page.getByLabel('Predictions file').setInputFiles(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/eval/care-predictions-small.parquet'));
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions-small.parquet: 4 rows');
  await page.getByLabel('Max new tokens').fill('4');
  await page.getByRole('button', { name: 'Generate predictions with the current model' }).click();
  await expect(page.getByTestId('generate-message')).toContainText('Generated 4 predictions', { timeout: 300_000 });
  await expect(page.getByTestId('generated-label')).toContainText(/run model at step \d+ \(webgpu\) · chat mode/);
  expect(errors).toEqual([]);
});
