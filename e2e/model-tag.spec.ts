// Instruction mode `tag` on an opened Hugging Face model in the studio, without internet: the
// llama-tiny fixture (bf16, tied head, ChatML template) opened as a folder, data.instruction_mode
// set to tag in the Data tab; the run adds the 15 <|out_lang_xx|> tokens to its tokenizer, resizes
// the embedding (1024 -> 1039) and trains the tag rows with LoRA on WebGPU: 3 warm-start SFT
// updates in micro-batches of 1 item (sft.micro_batch_size; the memory plan names both passes), then 2 LRPO steps; a reload resumes from the autosave and takes one more. The exports carry it: the PEFT adapter's trainable_token_indices and
// rows tensor, the merged model's resized embedding, vocab_size and tokenizer with the tags, and the
// verl folder pointing at the merged model with the resized vocabulary stated; Evaluate generates
// with the tagged model.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { chart, collectErrors, stepOf, tinyQuery, waitForState, waitForStep } from './studio-helpers';

const fixtures = fileURLToPath(new URL('../../shared/fixtures/', import.meta.url));
const ROWS = 'base_model.model.model.embed_tokens.token_adapter.trainable_tokens_delta';

async function exportZip(page: Page, button: string, folder: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: button }).click()]);
  expect(download.suggestedFilename()).toBe(`${folder}.zip`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'export-tag-'));
  execFileSync('unzip', ['-q', await download.path()], { cwd: dir });
  return path.join(dir, folder);
}

function safetensorsHeader(file: string): Record<string, { dtype: string; shape: number[] }> {
  const b = readFileSync(file);
  const h = JSON.parse(b.subarray(8, 8 + Number(b.readBigUInt64LE(0))).toString('utf8'));
  delete h.__metadata__;
  return h;
}

test('tag mode on an opened model: SFT of the tag rows + LoRA on WebGPU, then LRPO; exports carry the tags', async ({ page }) => {
  test.setTimeout(900_000);
  const errors = collectErrors(page);
  await page.goto(`/?${tinyQuery({
    backend: 'webgpu', 'actor.rollout_n': '2', 'actor.ppo_mini_batch_size': '1', 'data.train_batch_size': '1', 'data.max_prompt_length': '100',
    'data.max_response_length': '8', 'router.languages': 'de,en,es', 'sft.steps': '3', 'sft.batch_size': '2', 'sft.micro_batch_size': '1', 'sft.warmup_steps': '0', 'sft.lr': '0.02',
    'trainer.save_freq': '1',
  })}#train`);
  const picker = page.getByTestId('model-picker');
  await picker.getByLabel('Open model folder').setInputFiles(path.join(fixtures, 'llama-tiny'));
  await expect(picker.getByTestId('model-in-use')).toContainText('LlamaForCausalLM', { timeout: 60_000 });
  await expect.poll(() => new URL(page.url()).searchParams.get('model.path')).toBe('llama-tiny');
  // opening a model with a chat template picks chat mode; switch to tag
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  await page.locator('#cfg-data\\.instruction_mode').selectOption('tag');
  await expect(page.locator('#cfg-data\\.instruction_mode')).toHaveValue('tag');
  await expect.poll(() => new URL(page.url()).searchParams.get('data.instruction_mode')).toBeNull(); // tag is the default: no longer in the URL
  // the memory plan sizes both passes: the SFT in micro-batches of 1 item (100 + 8 - 1 positions) and the update pass
  await expect(picker.getByTestId('memory-plan')).toContainText('update pass 2 x 108 tokens (actor.ppo_micro_batch_size 0); SFT pass 1 x 107 tokens (sft.micro_batch_size 1); planned: the update pass, the larger');
  await page.getByRole('button', { name: '↺ Reset' }).click();
  await expect(page.getByTestId('adapter')).toContainText('WebGPU (LlamaForCausalLM)', { timeout: 120_000 });
  await expect(page.getByTestId('start-refused')).toHaveCount(0);
  await page.getByRole('button', { name: '▶ Start' }).click();
  await waitForStep(page, 2, 600_000);
  await page.getByRole('button', { name: '⏸ Pause' }).click();
  await waitForState(page, 'paused', 300_000);
  await expect(page.getByTestId('sft-step')).toHaveText('3');
  await expect(await chart(page, 'Warm-start SFT: loss per step')).toHaveAttribute('data-points', '3');
  // reload: the autosave (LoRA + tag rows, their AdamW state, the router) resumes in tag mode
  const before = await stepOf(page);
  await page.reload();
  await page.getByRole('button', { name: 'Resume it' }).click();
  await waitForStep(page, before, 120_000);
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  await expect(page.locator('#cfg-data\\.instruction_mode')).toHaveValue('tag');
  await page.getByRole('button', { name: '⏭ Single step' }).click();
  await waitForStep(page, before + 1, 600_000);

  const tagIds = Array.from({ length: 15 }, (_, i) => 1024 + i);
  // the PEFT adapter: LoRA matrices and the tag rows
  const adapter = await exportZip(page, 'PEFT adapter (.zip)', 'lrpo-adapter');
  const acfg = JSON.parse(readFileSync(path.join(adapter, 'adapter_config.json'), 'utf8'));
  expect(acfg).toMatchObject({ peft_type: 'LORA', base_model_name_or_path: 'llama-tiny', trainable_token_indices: tagIds });
  const ah = safetensorsHeader(path.join(adapter, 'adapter_model.safetensors'));
  expect(ah[ROWS]).toMatchObject({ dtype: 'F32', shape: [15, 64] });
  expect(Object.keys(ah).filter((k) => k !== ROWS).every((k) => /^base_model\.model\.model\.layers\.\d+\.(self_attn|mlp)\.\w+_proj\.lora_[AB]\.weight$/.test(k))).toBe(true);
  // the merged model: resized embedding in bf16, vocab_size, the tags in its tokenizer files
  const merged = await exportZip(page, 'Merged model (.zip)', 'lrpo-merged-model');
  expect(JSON.parse(readFileSync(path.join(merged, 'config.json'), 'utf8')).vocab_size).toBe(1039);
  expect(safetensorsHeader(path.join(merged, 'model.safetensors'))['model.embed_tokens.weight']).toMatchObject({ dtype: 'BF16', shape: [1039, 64] });
  const tj = JSON.parse(readFileSync(path.join(merged, 'tokenizer.json'), 'utf8'));
  expect(tj.added_tokens.filter((t: { content: string }) => t.content.startsWith('<|out_lang_')).map((t: { id: number }) => t.id)).toEqual(tagIds);
  expect(tj.added_tokens.find((t: { content: string }) => t.content === '<|out_lang_de|>')).toMatchObject({ id: 1025, special: true });
  // the verl folder: the merged model as the policy, the resized vocabulary stated
  const verl = await exportZip(page, 'verl launch folder (.zip)', 'lrpo-verl-launch');
  const overrides = readFileSync(path.join(verl, 'verl_overrides.txt'), 'utf8').split('\n');
  expect(overrides).toContain('actor_rollout_ref.model.path=../lrpo-merged-model');
  expect(overrides).toContain('+actor_rollout_ref.model.override_config.vocab_size=1039');
  expect(readFileSync(path.join(verl, 'run_lrpo.sh'), 'utf8')).toContain('actor_rollout_ref.model.path="$HERE/../lrpo-merged-model"');
  // Evaluate generates with the opened model in tag mode (its template, the tags, the adapter)
  await page.getByRole('link', { name: 'Evaluate (CARE)' }).click();
  await page.getByLabel('Predictions file').setInputFiles(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/eval/care-predictions-small.parquet'));
  await expect(page.getByTestId('eval-loaded')).toContainText('care-predictions-small.parquet: 4 rows');
  await page.getByLabel('Max new tokens').fill('4');
  await page.getByRole('button', { name: 'Generate predictions with the current model' }).click();
  await expect(page.getByTestId('generate-message')).toContainText(/Generated \d+ predictions/, { timeout: 300_000 });
  await expect(page.getByTestId('generated-label')).toContainText(/run model at step \d+ \(webgpu\) · tag mode/);
  expect(errors).toEqual([]);
});
