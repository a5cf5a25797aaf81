// `lrpo-studio train` in instruction mode `tag` on a Hugging Face model folder (the llama-tiny
// fixture, bf16, tied head, ChatML template): the 15 <|out_lang_xx|> tags plus the run's other router
// language are added to the tokenizer (ids 1024..1039), the embedding resized (1024 -> 1040), the tag
// rows trained with LoRA by the warm-start SFT (sft.steps) and then 1 LRPO step, on the CPU. Exports:
// the PEFT adapter carries the rows (trainable_token_indices, the rows tensor [16, 64]), the merged
// model has the resized embedding holding the trained rows, config.json's vocab_size and a
// tokenizer with the tags (loads back as a model folder and tokenizer), and the verl folder points
// at the merged model and states the resized vocabulary.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fsFolder } from '../../engine/hf/folder-fs';
import { loadLlamaFolder } from '../../engine/hf/model-folder';
import { readPeftAdapter } from '../../engine/hf/peft';
import { readHfSafetensors, tensorToF32 } from '../../engine/hf/tensors';
import { loadHfTokenizer } from '../../engine/hf/tokenizer';
import { parseVerlOverrides } from '../../lrpo/verl-overrides';
import { run } from './train';

const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/llama-tiny', import.meta.url));
const ROWS = 'base_model.model.model.embed_tokens.token_adapter.trainable_tokens_delta';
let dir = '';
const QUESTIONS = [
  // authored by us for this test
  { question: 'Capital of France?', answer: 'Paris', extra_info: { language: 'english', topic: 'General Knowledge', region: null, references: { de: 'Paris', hi: 'पेरिस' } }, ability: 'General Knowledge' },
  { question: 'Wie viele Beine hat ein Hund?', answer: 'vier', extra_info: { language: 'german', topic: 'General Knowledge', region: null, references: { en: 'four', hi: 'चार' } }, ability: 'General Knowledge' },
  { question: 'What is the largest ocean?', answer: 'Pacific', extra_info: { language: 'english', topic: 'General Knowledge', region: null, references: { de: 'Pazifik' } }, ability: 'General Knowledge' },
];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lrpo-train-tag-'));
  writeFileSync(path.join(dir, 'train.jsonl'), QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tagConfig(name: string, steps: number, sft: Record<string, number> = {}): string {
  const cfg = {
      seed: 3,
      backend: 'cpu',
      data: { train_files: 'train.jsonl', val_files: '', train_batch_size: 2, max_prompt_length: 48, max_response_length: 10, instruction_mode: 'tag' },
      model: { path: FIXTURE, lora_rank: 2, lora_alpha: 4, target_modules: 'q_proj,v_proj' },
      router: { languages: ['de', 'en', 'hi'], lang_policy_update_every: 1 },
      sft: { steps: 3, batch_size: 3, lr: 0.02, warmup_steps: 0, extra_langs: 1, ...sft },
      actor: { rollout_n: 2, ppo_mini_batch_size: 2, lr: 0.01 },
      trainer: { total_training_steps: steps, save_freq: 1, test_freq: 0 },
  };
  const f = path.join(dir, name);
  writeFileSync(f, JSON.stringify(cfg));
  return f;
}

const metrics = (out: string) => readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => {
  const row = JSON.parse(l);
  return { ...row, metrics: Object.fromEntries(Object.entries(row.metrics as Record<string, number>).filter(([k]) => !k.startsWith('timing_s/') && k !== 'perf/throughput')) };
});

describe('lrpo-studio train with model.path in tag mode (tags added, embedding resized, rows + LoRA)', () => {
  it('runs the warm-start SFT and LRPO steps, resumes, and exports the rows, the resized merged model and the verl folder', async () => {
    const out = path.join(dir, 'out');
    expect(await run(['--config', tagConfig('tag.json', 2), '--out', out, '--quiet'])).toBe(0);
    const rollouts = readFileSync(path.join(out, 'rollouts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rollouts).toHaveLength(2 * 2 * 2);
    // stopped after step 1 and resumed: the same step 2 (the adapter with its tag rows and AdamW state restored)
    const resumed = path.join(dir, 'resumed');
    expect(await run(['--config', tagConfig('tag1.json', 1), '--out', resumed, '--quiet'])).toBe(0);
    expect(await run(['--out', resumed, '--resume', '--total-steps', '2', '--quiet'])).toBe(0);
    expect(metrics(resumed)).toEqual(metrics(out));
    expect(readFileSync(path.join(resumed, 'adapter', 'adapter_model.safetensors')).equals(readFileSync(path.join(out, 'adapter', 'adapter_model.safetensors')))).toBe(true);

    // the adapter: LoRA + the 16 tag rows (15 reference languages + hi), PEFT names and shapes
    const adapterDir = path.join(out, 'adapter');
    const acfg = JSON.parse(readFileSync(path.join(adapterDir, 'adapter_config.json'), 'utf8'));
    const ids = Array.from({ length: 16 }, (_, i) => 1024 + i);
    expect(acfg.trainable_token_indices).toEqual(ids);
    expect(acfg).toMatchObject({ peft_type: 'LORA', r: 2, lora_alpha: 4 });
    const st = readHfSafetensors(new Uint8Array(readFileSync(path.join(adapterDir, 'adapter_model.safetensors'))), 'adapter_model.safetensors').tensors;
    expect(st.get(ROWS)!.shape).toEqual([16, 64]);
    expect(st.get('base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight')!.shape).toEqual([2, 64]);
    expect(st.size).toBe(2 * 2 * 2 + 1);

    // the merged model: resized embedding (bf16 as the base), the trained rows in it, the tags in its tokenizer
    const merged = await loadLlamaFolder(fsFolder(path.join(out, 'merged')));
    expect(merged.config.vocabSize).toBe(1040);
    expect(merged.configJson.vocab_size).toBe(1040);
    const embed = merged.weights.get('model.embed_tokens.weight')!;
    expect(embed.shape).toEqual([1040, 64]);
    expect(embed.dtype).toBe('BF16');
    const e = tensorToF32(embed), rows = tensorToF32(st.get(ROWS)!);
    const base = await loadLlamaFolder(fsFolder(FIXTURE));
    const e0 = tensorToF32(base.weights.get('model.embed_tokens.weight')!);
    // the SFT moved the tag rows away from their start (the mean of the old rows)
    const mean = new Float64Array(64);
    for (let v = 0; v < 1024; v++) for (let i = 0; i < 64; i++) mean[i] += e0[v * 64 + i] / 1024;
    let moved = 0;
    for (let k = 0; k < 16; k++) {
      for (let i = 0; i < 64; i++) {
        const w = rows[k * 64 + i];
        expect(Math.abs(e[(1024 + k) * 64 + i] - w)).toBeLessThanOrEqual(Math.abs(w) / 128 + 1e-30); // bf16 rounding
        moved = Math.max(moved, Math.abs(w - mean[i]));
      }
    }
    expect(moved).toBeGreaterThan(1e-3);
    expect(e.subarray(0, 1024 * 64)).toEqual(e0); // the old rows untouched
    const tok = (await loadHfTokenizer(fsFolder(path.join(out, 'merged')), merged.config.vocabSize))!;
    expect(tok.tokenToId('<|out_lang_ar|>')).toBe(1024);
    expect(tok.tokenToId('<|out_lang_hi|>')).toBe(1039);
    expect(tok.encode('Hund?\n<|out_lang_de|>', false).at(-1)).toBe(1025);
    // the adapter loads back onto the merged model's (resized) config
    const peft = await readPeftAdapter(fsFolder(adapterDir), merged.config);
    expect(peft.spec.tokenIds).toEqual(ids);

    // the verl folder: the merged model as the path, the resized vocabulary stated
    const overrides = readFileSync(path.join(out, 'verl', 'verl_overrides.txt'), 'utf8');
    expect(overrides).toContain('+actor_rollout_ref.model.override_config.vocab_size=1040');
    expect(overrides).toMatch(/vocabulary resized from 1024 to 1040/);
    const back = parseVerlOverrides(overrides);
    expect(back.problems).toEqual([]);
    expect(back.config!.model.path).toBe('../merged');
    expect(back.config!.data.instruction_mode).toBe('tag');
    expect(readFileSync(path.join(out, 'verl', 'run_lrpo.sh'), 'utf8')).toContain('actor_rollout_ref.model.path="$HERE/../merged"');

    // --adapter: a tag run starts from the exported adapter (rows included)
    expect(await run(['--config', tagConfig('tag-from.json', 1), '--out', path.join(dir, 'from'), '--adapter', adapterDir, '--quiet'])).toBe(0);
    // a chat-mode run cannot take it: its rows are outside the vocabulary without the tags
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const chat = JSON.parse(readFileSync(tagConfig('chat.json', 1), 'utf8'));
    chat.data.instruction_mode = 'chat';
    writeFileSync(path.join(dir, 'chat.json'), JSON.stringify(chat));
    expect(await run(['--config', path.join(dir, 'chat.json'), '--out', path.join(dir, 'chat-out'), '--adapter', adapterDir])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/adapter_config\.json: trainable_token_indices holds 1024, outside the base model's vocabulary \(vocab_size 1024\)/);
    err.mockRestore();
  }, 240_000);

  it('sft.micro_batch_size from run.json: the plan names the SFT pass, one item per pass gives the same SFT losses; a size that does not divide is refused', async () => {
    const runSft = async (name: string, micro: number) => {
      const out = path.join(dir, name);
      const said: string[] = [];
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (said.push(String(s)), true));
      try {
        expect(await run(['--config', tagConfig(`${name}.json`, 0, { micro_batch_size: micro }), '--out', out])).toBe(0);
      } finally {
        spy.mockRestore();
      }
      const sft = readFileSync(path.join(out, 'sft_metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).metrics);
      return { said: said.join(''), sft };
    };
    const whole = await runSft('sft-whole', 0);
    const micro = await runSft('sft-micro', 1);
    // SFT items: 48-token prompts + 10-token answers packed as 57 positions; the update pass 2 x 2 responses of 58 tokens
    expect(whole.said).toMatch(/memory plan \(update pass 4 x 58 tokens \(actor\.ppo_micro_batch_size 0\); SFT pass 3 x 57 tokens \(sft\.micro_batch_size 0\); planned: the update pass, the larger\)/);
    expect(micro.said).toMatch(/SFT pass 1 x 57 tokens \(sft\.micro_batch_size 1\); planned: the update pass/);
    expect(micro.sft).toHaveLength(3);
    micro.sft.forEach((m, i) => {
      expect(m['sft/tokens']).toBe(whole.sft[i]['sft/tokens']);
      expect(Math.abs(m['sft/loss'] - whole.sft[i]['sft/loss'])).toBeLessThan(1e-6 * whole.sft[i]['sft/loss']);
    });
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['--config', tagConfig('sft-micro2.json', 0, { micro_batch_size: 2 }), '--out', path.join(dir, 'sft-micro2')])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/sft\.micro_batch_size: must divide sft\.batch_size \(3\), or be 0 \(the whole batch\), got 2/);
    err.mockRestore();
  }, 120_000);
});
