// End-to-end: a seeded `lrpo-studio train` on the CPU backend with a tiny model writes every output
// file with valid contents, and `--resume` continues from step 3 to 5 exactly like an
// uninterrupted 5-step run (router state, router log, metrics, rollouts, weights).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readSafetensors } from '../../engine/checkpoint/safetensors';
import { parseVerlOverrides } from '../../lrpo/verl-overrides';
import { run } from './train';
import { readSavedRun } from '../../lrpo/teaching/saved-run';
import { walkPanels } from '../../lrpo/teaching/step-walk';

let dir = '';
const QUESTIONS = [
  // authored by us for this test
  { question: 'Capital of France?', answer: 'Paris', extra_info: { language: 'english', topic: 'General Knowledge', region: null, references: { de: 'Paris', zh: '巴黎' } }, ability: 'General Knowledge' },
  { question: 'Wie viele Beine hat ein Hund?', answer: 'vier', extra_info: { language: 'german', topic: 'General Knowledge', region: null, references: { en: 'four', zh: '四' } }, ability: 'General Knowledge' },
  { question: '中国的首都是哪里？', answer: '北京', extra_info: { language: 'chinese', topic: 'Regional Knowledge', region: 'China', references: { en: 'Beijing', de: 'Peking' } }, ability: 'Regional Knowledge' },
  { question: 'Translate "dog" to German.', answer: 'Hund', extra_info: { language: 'english', topic: 'Translation', region: null }, ability: 'Translation' },
];

function writeConfig(name: string, steps: number, extra: Record<string, unknown> = {}): string {
  const cfg = {
    seed: 7,
    backend: 'cpu',
    data: { train_files: 'train.jsonl', val_files: 'train.jsonl', train_batch_size: 2, max_prompt_length: 48, max_response_length: 8 },
    model: { checkpoint: '', n_layer: 1, n_head: 2, n_embd: 32, block_size: 64 },
    router: { languages: ['de', 'en', 'zh'], lang_policy_update_every: 2 },
    actor: { rollout_n: 4, ppo_mini_batch_size: 1, lr: 0.01 },
    sft: { steps: 4, batch_size: 4, lr: 0.01 },
    trainer: { total_training_steps: steps, save_freq: 1, test_freq: 2 },
    ...extra,
  };
  const f = path.join(dir, name);
  writeFileSync(f, JSON.stringify(cfg));
  return f;
}

const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const noTiming = (row: { step: number; metrics: Record<string, number> }) =>
  ({ ...row, metrics: Object.fromEntries(Object.entries(row.metrics).filter(([k]) => !k.startsWith('timing_s/') && k !== 'perf/throughput')) });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lrpo-train-'));
  writeFileSync(path.join(dir, 'train.jsonl'), QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lrpo-studio train', () => {
  it('writes every output, and --resume from step 3 matches an uninterrupted 5-step run', async () => {
    const five = path.join(dir, 'five');
    const router = { languages: ['de', 'en', 'zh'], lang_policy_update_every: 2, lang_policy_log_path: 'five-router-copy.jsonl' };
    expect(await run(['--config', writeConfig('five.json', 5, { router }), '--out', five, '--quiet'])).toBe(0);
    // the reference's lang_policy_log_path (relative to the config file) gets a copy of the router log
    expect(readFileSync(path.join(dir, 'five-router-copy.jsonl'), 'utf8')).toBe(readFileSync(path.join(five, 'router.jsonl'), 'utf8'));
    expect(readFileSync(path.join(five, 'verl_overrides.txt'), 'utf8')).toContain('+data.lang_policy_log_path=five-router-copy.jsonl');

    for (const f of ['metrics.jsonl', 'router.jsonl', 'router_state.json', 'rollouts.jsonl', 'config.json', 'verl_overrides.txt', 'sft_metrics.jsonl',
      'checkpoint/model.safetensors', 'checkpoint/config.json', 'checkpoint/special_tokens.json', 'latest.json']) {
      expect(existsSync(path.join(five, f)), f).toBe(true);
    }
    const metrics = lines(path.join(five, 'metrics.jsonl'));
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5]);
    // our advantage histogram sits under our prefix, beside verl's metrics
    expect(metrics[0]['studio/advantage_histogram'].counts.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0);
    expect(Object.keys(metrics[0].metrics).filter((k) => /^(grpo|train_count|train_lang_match)\//.test(k) || k === 'critic/score/std')).toEqual([]);
    expect(Number.isFinite(metrics[4].metrics['critic/score/mean'])).toBe(true);
    // validation under verl's names (the test rows have no data_source: verl's "unknown")
    expect(Number.isFinite(metrics[1].metrics['val-core/unknown/reward/mean@1'])).toBe(true);
    expect(Number.isFinite(metrics[1].metrics['val-aux/unknown/lang_match/mean@1'])).toBe(true);
    expect(metrics[2].metrics['val-core/unknown/reward/mean@1']).toBeUndefined();
    // the warm-start SFT ran first: one line per SFT step
    const sft = lines(path.join(five, 'sft_metrics.jsonl'));
    expect(sft.map((l) => l.step)).toEqual([1, 2, 3, 4]);
    expect(sft.every((l) => Number.isFinite(l.metrics['sft/loss']))).toBe(true);
    expect(lines(path.join(five, 'router.jsonl')).map((l) => l.step)).toEqual([1, 2, 3, 4, 5]);
    const rollouts = lines(path.join(five, 'rollouts.jsonl'));
    expect(rollouts).toHaveLength(5 * 2 * 4);
    for (const k of ['question', 'targetLang', 'response', 'detectedLang', 'similarity', 'calibrated', 'reward', 'advantage',
      'detectedProb', 'referenceLang', 'raw', 'gate']) expect(rollouts[0]).toHaveProperty(k);
    for (const r of rollouts) expect(r.reward).toBeCloseTo(r.raw * r.gate, 12);
    const routerState = JSON.parse(readFileSync(path.join(five, 'router_state.json'), 'utf8'));
    expect(routerState.step).toBe(5);
    // the folder walks through: every step with its rollouts (token by token), metrics and router lines
    const saved = readSavedRun(['config.json', 'rollouts.jsonl', 'metrics.jsonl', 'router.jsonl'].map((n) => ({ name: n, text: readFileSync(path.join(five, n), 'utf8') })));
    expect(saved.problems).toEqual([]);
    expect(saved.run!.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    const s2 = saved.run!.steps[1];
    expect(s2.metrics['actor/pg_loss']).toBe(metrics[1].metrics['actor/pg_loss']);
    expect(s2.routerLine?.step).toBe(2);
    expect(s2.nextRouterLine?.step).toBe(3);
    expect(s2.rollouts.every((r) => r.tokens!.length === r.responseLength && r.logprobs!.length === r.responseLength)).toBe(true);
    const panels = walkPanels(s2, s2.rollouts[0].group, saved.run!.options);
    expect(panels.find((p) => p.id === 'reward')!.rows.map((r) => r[3].raw)).toEqual(s2.rollouts.filter((r) => r.group === s2.rollouts[0].group).map((r) => r.reward));
    const resolved = JSON.parse(readFileSync(path.join(five, 'config.json'), 'utf8'));
    expect(resolved.actor.clip_ratio_high).toBe(0.2);
    expect(parseVerlOverrides(readFileSync(path.join(five, 'verl_overrides.txt'), 'utf8')).config).toEqual(resolved);
    const ckpt = readSafetensors(new Uint8Array(readFileSync(path.join(five, 'checkpoint/model.safetensors'))), 'ckpt');
    expect(ckpt.tensors.get('transformer.wte.weight')!.shape).toEqual([262, 32]);
    expect(JSON.parse(readFileSync(path.join(five, 'checkpoint/config.json'), 'utf8')).model_type).toBe('gpt2');

    const split = path.join(dir, 'split');
    expect(await run(['--config', writeConfig('three.json', 3, { router: { ...router, lang_policy_log_path: '' } }), '--out', split, '--quiet'])).toBe(0);
    // continue the same run to 5 steps: the saved config says 3, so resume with a config that says 5
    const cfg5 = JSON.parse(readFileSync(path.join(split, 'config.json'), 'utf8'));
    expect(existsSync(path.join(dir, 'five-router-copy.jsonl'))).toBe(true);
    expect(cfg5.trainer.total_training_steps).toBe(3);
    expect(await run(['--out', split, '--resume', '--quiet', '--steps', '5'])).toBe(2); // unknown option is refused
    expect(await run(['--out', split, '--resume', '--quiet', '--total-steps', '5'])).toBe(0);

    expect(lines(path.join(split, 'metrics.jsonl')).map(noTiming)).toEqual(metrics.map(noTiming));
    expect(lines(path.join(split, 'router.jsonl'))).toEqual(lines(path.join(five, 'router.jsonl')));
    expect(lines(path.join(split, 'rollouts.jsonl'))).toEqual(rollouts);
    expect(JSON.parse(readFileSync(path.join(split, 'router_state.json'), 'utf8'))).toEqual(routerState);
    expect(readFileSync(path.join(split, 'checkpoint/model.safetensors'))).toEqual(readFileSync(path.join(five, 'checkpoint/model.safetensors')));
  }, 120_000);

  it('refuses a bad config with the field named, and an existing run folder without --resume', async () => {
    const bad = writeConfig('bad.json', 1, { router: { lang_policy_alpha: 3 } });
    const errs: string[] = [];
    const orig = console.error;
    console.error = (s: string) => errs.push(s);
    try {
      expect(await run(['--config', bad, '--out', path.join(dir, 'bad')])).toBe(2);
      expect(await run(['--config', writeConfig('x.json', 1), '--out', path.join(dir, 'five')])).toBe(2);
    } finally {
      console.error = orig;
    }
    expect(errs[0]).toContain('field router.lang_policy_alpha: must be in (0, 1], got 3');
    expect(errs[1]).toMatch(/already holds a run; use --resume/);
  });

  it('warns before training when the match similarity lacks references in router languages (rows and languages named)', async () => {
    const f = path.join(dir, 'partial.jsonl');
    writeFileSync(f, [QUESTIONS[0], { ...QUESTIONS[1], extra_info: { ...QUESTIONS[1].extra_info, references: { en: 'four' } } }].map((q) => JSON.stringify(q)).join('\n') + '\n');
    const cfgFile = writeConfig('partial.json', 0, { data: { train_files: 'partial.jsonl', val_files: '', train_batch_size: 2, max_prompt_length: 48, max_response_length: 8 }, sft: { steps: 0 }, trainer: { total_training_steps: 0, save_freq: 1, test_freq: 0 } });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run(['--config', cfgFile, '--out', path.join(dir, 'partial'), '--quiet'])).toBe(0);
      const text = err.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toContain("warning: reward.similarity 'match': 1 of 2 routable rows have no reference answer in some router language (1 language: zh (1) rows)");
    } finally {
      err.mockRestore();
    }
  });
});
