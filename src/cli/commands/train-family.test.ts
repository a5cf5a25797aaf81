// `lrpo-studio train` on a Hugging Face model folder (the qwen2-tiny fixture, bf16, ChatML
// template): LoRA from the run's verl-named options, chat-mode prompts, 3 LRPO steps on the CPU
// backend; --resume from step 2 gives the same step 3 as an uninterrupted run; the run folder gets
// a PEFT adapter (loads back onto the base), a merged model in bf16 with the tokenizer and template
// (loads as a model folder, equal to base + adapter), and a verl launch folder (parquet that loads,
// overrides that parse back, run_lrpo.sh). Bad inputs are refused naming the file or option.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../../data/load-dataset';
import { fsFolder } from '../../engine/hf/folder-fs';
import { loadLlamaFolder } from '../../engine/hf/model-folder';
import { readPeftAdapter } from '../../engine/hf/peft';
import { tensorToF32 } from '../../engine/hf/tensors';
import { mergeLora } from '../../engine/llama/merge';
import { parseVerlOverrides } from '../../lrpo/verl-overrides';
import { run } from './train';

const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));
let dir = '';
const QUESTIONS = [
  // authored by us for this test
  { question: 'Capital of France?', answer: 'Paris', extra_info: { language: 'english', topic: 'General Knowledge', region: null, references: { de: 'Paris', zh: '巴黎' } }, ability: 'General Knowledge' },
  { question: 'Wie viele Beine hat ein Hund?', answer: 'vier', extra_info: { language: 'german', topic: 'General Knowledge', region: null, references: { en: 'four', zh: '四' } }, ability: 'General Knowledge' },
  { question: '中国的首都是哪里？', answer: '北京', extra_info: { language: 'chinese', topic: 'Regional Knowledge', region: 'China', references: { en: 'Beijing', de: 'Peking' } }, ability: 'Regional Knowledge' },
  { question: 'What is the largest ocean?', answer: 'Pacific', extra_info: { language: 'english', topic: 'General Knowledge', region: null, references: { de: 'Pazifik' } }, ability: 'General Knowledge' },
];

function writeConfig(name: string, steps: number, model: Record<string, unknown> = {}, actor: Record<string, unknown> = {}): string {
  const cfg = {
    seed: 5,
    backend: 'cpu',
    data: { train_files: 'train.jsonl', val_files: '', train_batch_size: 2, max_prompt_length: 96, max_response_length: 12, instruction_mode: 'chat' },
    model: { path: FIXTURE, lora_rank: 2, lora_alpha: 4, target_modules: 'q_proj,v_proj,down_proj', ...model },
    router: { languages: ['de', 'en', 'zh'], lang_policy_update_every: 1 },
    actor: { rollout_n: 4, ppo_mini_batch_size: 2, lr: 0.02, ...actor }, // one update per step
    trainer: { total_training_steps: steps, save_freq: 1, test_freq: 0 },
  };
  const f = path.join(dir, name);
  writeFileSync(f, JSON.stringify(cfg));
  return f;
}

const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const noTiming = (row: { step: number; metrics: Record<string, number> }) =>
  ({ ...row, metrics: Object.fromEntries(Object.entries(row.metrics).filter(([k]) => !k.startsWith('timing_s/') && k !== 'perf/throughput')) });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lrpo-train-family-'));
  writeFileSync(path.join(dir, 'train.jsonl'), QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lrpo-studio train with model.path (Llama family, LoRA, chat mode)', () => {
  it('trains 3 steps, resumes with the adapter, and writes the adapter, the merged model and the verl folder', async () => {
    const straight = path.join(dir, 'straight');
    expect(await run(['--config', writeConfig('a.json', 3), '--out', straight, '--quiet'])).toBe(0);
    const resumed = path.join(dir, 'resumed');
    expect(await run(['--config', writeConfig('b.json', 2), '--out', resumed, '--quiet'])).toBe(0);
    expect(await run(['--out', resumed, '--resume', '--total-steps', '3', '--quiet'])).toBe(0);
    const a = lines(path.join(straight, 'metrics.jsonl')).map(noTiming);
    const b = lines(path.join(resumed, 'metrics.jsonl')).map(noTiming);
    expect(a.map((m) => m.step)).toEqual([1, 2, 3]);
    expect(b).toEqual(a);
    expect(a.every((m) => Number.isFinite(m.metrics['actor/kl_loss']) && Number.isFinite(m.metrics['actor/pg_loss']))).toBe(true);
    // the adapter starts at B = 0: the policy equals its base reference, so step 1's KL (one update, before it) is exactly 0
    expect(a[0].metrics['actor/kl_loss']).toBe(0);
    expect(a[2].metrics['actor/kl_loss']).toBeGreaterThan(0);
    const rollouts = lines(path.join(straight, 'rollouts.jsonl'));
    expect(rollouts).toHaveLength(3 * 2 * 4);
    expect(rollouts.filter((r) => r.targetLang === 'de').length).toBeGreaterThan(0);

    // the adapter: PEFT layout, loads back onto the base; saved and resumed runs end on the same adapter
    const base = await loadLlamaFolder(fsFolder(FIXTURE));
    const peft = await readPeftAdapter(fsFolder(path.join(straight, 'adapter')), base.config);
    expect(peft.spec).toMatchObject({ r: 2, alpha: 4 });
    expect([...peft.spec.targets].sort()).toEqual(['down_proj', 'q_proj', 'v_proj']);
    expect(peft.configJson.base_model_name_or_path).toBe(FIXTURE);
    expect(readFileSync(path.join(resumed, 'adapter', 'adapter_model.safetensors')).equals(readFileSync(path.join(straight, 'adapter', 'adapter_model.safetensors')))).toBe(true);
    const someB = [...peft.tensors].find(([k]) => k.endsWith('lora_B.weight'))![1];
    expect(someB.data.some((x) => x !== 0)).toBe(true); // trained

    // the merged model: bf16 as the base, tokenizer and template files, = base + scale * B A
    const merged = await loadLlamaFolder(fsFolder(path.join(straight, 'merged')));
    for (const f of ['tokenizer.json', 'tokenizer_config.json', 'chat_template.jinja', 'config.json', 'generation_config.json']) expect(existsSync(path.join(straight, 'merged', f)), f).toBe(true);
    const floatBase = new Map([...base.weights].map(([k, t]) => [k, { shape: t.shape, data: tensorToF32(t) }]));
    const want = mergeLora(base.config, peft.spec, floatBase, peft.tensors);
    for (const [k, t] of merged.weights) {
      expect(t.dtype, k).toBe(base.weights.get(k)!.dtype);
      const got = tensorToF32(t), w = want.get(k)!.data;
      let err = 0;
      for (let i = 0; i < w.length; i++) err = Math.max(err, Math.abs(got[i] - w[i]) / Math.max(1e-3, Math.abs(w[i])));
      expect(err, k).toBeLessThan(1 / 128); // bf16 rounding
    }

    // the verl launch folder
    const verl = path.join(straight, 'verl');
    const train = await loadDataset(new Uint8Array(readFileSync(path.join(verl, 'train.parquet'))), 'train.parquet');
    expect(train.examples.map((e) => e.question)).toEqual(QUESTIONS.map((q) => q.question));
    const overrides = readFileSync(path.join(verl, 'verl_overrides.txt'), 'utf8');
    const back = parseVerlOverrides(overrides);
    expect(back.problems).toEqual([]);
    expect(back.config!.model).toMatchObject({ path: FIXTURE, lora_rank: 2, lora_alpha: 4, target_modules: 'q_proj,v_proj,down_proj' });
    expect(back.config!.data.instruction_mode).toBe('chat');
    const sh = readFileSync(path.join(verl, 'run_lrpo.sh'), 'utf8');
    expect(sh).toContain('python3 -m verl.trainer.main_ppo');
    expect(sh).toContain(`'actor_rollout_ref.model.path=${FIXTURE}'`);
    expect(sh).toContain("'actor_rollout_ref.model.target_modules=[q_proj,v_proj,down_proj]'");
    expect(sh).toContain('data.train_files="$HERE/train.parquet"');
    expect(sh).toContain("'+data.lang_policy_alpha=0.1'");
    expect(readFileSync(path.join(verl, 'README.md'), 'utf8')).toMatch(/What to install/);
  }, 240_000);

  it('starts from a PEFT adapter with --adapter (the fixture adapter: r 4 on every projection)', async () => {
    const out = path.join(dir, 'from-adapter');
    const cfg = writeConfig('c.json', 1, { lora_rank: 4, lora_alpha: 8, target_modules: 'all-linear' });
    expect(await run(['--config', cfg, '--out', out, '--adapter', path.join(FIXTURE, 'adapter'), '--quiet'])).toBe(0);
    // the adapter is not zero at the start, so the policy differs from its base: KL > 0 from step 1
    expect(lines(path.join(out, 'metrics.jsonl'))[0].metrics['actor/kl_loss']).toBeGreaterThan(0);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const mismatch = writeConfig('d.json', 1, { lora_rank: 8 });
    expect(await run(['--config', mismatch, '--out', path.join(dir, 'mismatch'), '--adapter', path.join(FIXTURE, 'adapter')])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/adapter_config\.json: r 4, alpha 8 .* does not match the run's model\.lora_rank 8/);
    err.mockRestore();
  }, 120_000);

  it('actor.ppo_micro_batch_size from run.json: the plan is of one micro-batch, the verl folder carries it, a size that does not divide is refused', async () => {
    const out = path.join(dir, 'micro');
    const said: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (said.push(String(s)), true));
    try {
      expect(await run(['--config', writeConfig('micro.json', 1, {}, { ppo_micro_batch_size: 2 }), '--out', out])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(said.join('')).toMatch(/memory plan \(update pass 2 x 108 tokens \(actor\.ppo_micro_batch_size 2\)\): /); // no SFT pass: sft.steps is 0
    expect(lines(path.join(out, 'metrics.jsonl'))[0].metrics['actor/updates']).toBe(1); // 8 responses, 4 passes, one step
    expect(readFileSync(path.join(out, 'verl', 'verl_overrides.txt'), 'utf8')).toContain('actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=2\n');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['--config', writeConfig('micro3.json', 1, {}, { ppo_micro_batch_size: 3 }), '--out', path.join(dir, 'micro3')])).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toMatch(/actor\.ppo_micro_batch_size: must divide the mini-batch's responses, .*\(2 x 4 = 8\)/);
    err.mockRestore();
  }, 120_000);

  it('refuses bad model folders naming the file and the problem', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const msg = () => err.mock.calls.flat().join('\n');
    const broken = (name: string, edit: (d: string) => void) => {
      const d = path.join(dir, name);
      cpSync(FIXTURE, d, { recursive: true });
      edit(d);
      return d;
    };
    const cases: [string, string, RegExp][] = [
      [broken('no-weights', (d) => rmSync(path.join(d, 'model.safetensors'))), 'missing weights', /model\.safetensors/],
      [broken('arch', (d) => {
        const j = JSON.parse(readFileSync(path.join(d, 'config.json'), 'utf8'));
        j.architectures = ['MistralForCausalLM'];
        j.model_type = 'mistral';
        writeFileSync(path.join(d, 'config.json'), JSON.stringify(j));
      }), 'unsupported architecture', /config\.json.*Mistral/i],
      [broken('truncated', (d) => {
        const b = readFileSync(path.join(d, 'model.safetensors'));
        writeFileSync(path.join(d, 'model.safetensors'), b.subarray(0, b.length - 1000));
      }), 'truncated shard', /model\.safetensors/],
      [broken('vocab', (d) => {
        const j = JSON.parse(readFileSync(path.join(d, 'config.json'), 'utf8'));
        j.vocab_size = 512;
        writeFileSync(path.join(d, 'config.json'), JSON.stringify(j));
      }), 'tokenizer vs vocabulary', /tokenizer|vocab/],
      [broken('no-tokenizer', (d) => rmSync(path.join(d, 'tokenizer.json'))), 'missing tokenizer', /tokenizer\.json: missing/],
      [path.join(dir, 'nowhere'), 'no folder', /nowhere: no such folder/],
    ];
    for (const [p, what, re] of cases) {
      err.mockClear();
      const cfg = writeConfig(`bad-${path.basename(p)}.json`, 1, { path: p });
      expect(await run(['--config', cfg, '--out', path.join(dir, `out-${path.basename(p)}`)]), what).toBe(2);
      expect(msg(), what).toMatch(re);
    }
    err.mockClear();
    const hub = writeConfig('hub.json', 1, { path: 'Qwen/Qwen2.5-0.5B-Instruct' });
    expect(await run(['--config', hub, '--out', path.join(dir, 'out-hub')])).toBe(2);
    expect(msg()).toMatch(/looks like a hub id; the CLI reads local folders/);
    err.mockRestore();
  }, 120_000);
});
