// The run module on the CPU backend with a tiny model: SFT before LRPO (the reference holds the
// post-SFT weights), validation named as verl names it every test_freq steps, the typed events, the
// up-front checks (each problem with its field), and save/restore through the save's files: a run
// saved at any point (mid-SFT, at the SFT/LRPO boundary, mid-LRPO) and resumed gives bitwise the
// same reports, router state and weights as one that never stopped.
// Fixtures: the tiny examples of src/lrpo/testing (ours) and a deterministic reward (chrF against the
// target-language reference, gated by a script check) so no model files are needed.
import { describe, expect, it } from 'vitest';
import type { Model, ModelConfigBase } from '../../engine/model-api';
import { buildSpecialTable } from '../../engine/tokenizer/special-tokens';
import { toParamMap } from '../../engine/gpt/param-map';
import { initParams } from '../../engine/gpt/params';
import { defaultRunConfig, type RunConfig } from '../config';
import { chrF } from '../rewards/chrf';
import { tinyExamples } from '../testing/tiny-examples';
import type { RolloutScorer, StepReport } from '../trainer';
import type { RunEvent } from './events';
import { Run, RunRefused, type RunInputs } from './run';
import { decodeRunSave, encodeRunSave } from './save';

const LANGS = ['de', 'en', 'zh'];
const score: RolloutScorer = async (items) => items.map(({ response, targetLang, example }) => {
  const detected = /\p{Script=Han}/u.test(response) ? 'zh' : /[a-z]/i.test(response) ? 'en' : null;
  const s = chrF(response, example.references[targetLang] ?? example.answer);
  return { detectedLang: detected, similarity: s, calibrated: s, reward: detected === targetLang || (detected === 'en' && targetLang === 'de') ? s : 0 };
});

function config(): RunConfig {
  const c = defaultRunConfig();
  c.seed = 3;
  c.backend = 'cpu';
  c.model = { ...c.model, checkpoint: '', n_layer: 1, n_head: 2, n_embd: 16, block_size: 48 };
  c.router.languages = LANGS;
  c.router.lang_policy_update_every = 2;
  c.data.train_batch_size = 2;
  c.data.max_prompt_length = 40;
  c.data.max_response_length = 6;
  c.actor.rollout_n = 4;
  c.actor.ppo_mini_batch_size = 1;
  c.actor.lr = 1e-2;
  c.sft = { ...c.sft, steps: 3, batch_size: 4, lr: 1e-2, warmup_steps: 1 };
  c.trainer = { ...c.trainer, total_training_steps: 4, save_freq: 2, test_freq: 2 };
  return c;
}

function inputs(c: RunConfig, over: Partial<RunInputs> = {}): RunInputs {
  return {
    config: c, policy: { kind: 'init' }, backend: 'cpu', train: tinyExamples(), val: tinyExamples().slice(0, 3), score, similarity: 'match',
    ...over,
  };
}

const noTiming = (r: StepReport) => {
  const m = { ...r.metrics };
  for (const k of Object.keys(m)) if (k.startsWith('timing_s/') || k === 'perf/throughput') delete m[k];
  return { ...r, metrics: m, timing: {} };
};
/** events without wall-clock figures */
const comparable = (events: RunEvent[]) => events.map((e) => (e.type === 'step' ? { ...e, report: noTiming(e.report) } : e));

async function drain(run: Run, until: (r: Run) => boolean = (r) => r.finished): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  while (!until(run)) out.push(...(await run.next()));
  return out;
}

const params = async (m: Model<ModelConfigBase>) => [...(await m.exportParams())].map(([k, t]) => [k, Array.from(t.data)]);

describe('Run', () => {
  it('runs its SFT in micro-batches of sft.micro_batch_size rows: the same losses, smaller passes', async () => {
    const sftOf = async (micro: number) => {
      const c = config();
      c.sft = { ...c.sft, micro_batch_size: micro };
      const run = await Run.create(inputs(c));
      const rows: number[] = [];
      const fwd = run.model.forwardLogprobs.bind(run.model);
      run.model.forwardLogprobs = (b) => (rows.push(b.B), fwd(b));
      const losses = (await drain(run, (r) => r.phase === 'lrpo')).flatMap((e) => (e.type === 'sft' ? [e.progress.loss] : []));
      await run.dispose();
      return { losses, rows };
    };
    const whole = await sftOf(0), micro = await sftOf(2);
    expect(whole.rows).toEqual([4, 4, 4]);
    expect(micro.rows).toEqual([2, 2, 2, 2, 2, 2]);
    expect(micro.losses.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(Math.abs(micro.losses[i] - whole.losses[i])).toBeLessThan(1e-6 * Math.abs(whole.losses[i]));
  }, 60_000);

  it('runs SFT first (the reference holds the post-SFT weights), then LRPO with validation every test_freq steps', async () => {
    const c = config();
    const run = await Run.create(inputs(c));
    expect(run.phase).toBe('sft');
    expect(run.reference).toBeNull();
    const events = await drain(run, (r) => r.phase === 'lrpo');
    expect(events.filter((e) => e.type === 'sft').map((e) => e.type === 'sft' && e.progress.step)).toEqual([1, 2, 3]);
    // warm-up of 1 step, then the cosine: the first step at the peak, the last at min_lr_ratio x lr
    const lrs = events.flatMap((e) => (e.type === 'sft' ? [e.progress.lr] : []));
    expect(lrs[0]).toBeCloseTo(1e-2, 12);
    expect(lrs[2]).toBeCloseTo(1e-2 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 1 / 2))), 12);
    expect(events[events.length - 1]).toEqual({ type: 'save', step: 0, reason: 'sft-done' });
    expect(await params(run.reference!)).toEqual(await params(run.model));

    const lrpo = await drain(run);
    const steps = lrpo.flatMap((e) => (e.type === 'step' ? [e.report] : []));
    expect(steps.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    const ds = tinyExamples()[0].dataSource;
    for (const k of [`val-core/${ds}/reward/mean@1`, `val-aux/${ds}/exact_answer/mean@1`, `val-aux/${ds}/lang_match/mean@1`]) {
      expect(Number.isFinite(steps[1].metrics[k]), k).toBe(true);
      expect(Number.isFinite(steps[3].metrics[k]), k).toBe(true);
      expect(steps[0].metrics[k]).toBeUndefined();
    }
    expect(lrpo.filter((e) => e.type === 'validation').map((e) => e.type === 'validation' && e.step)).toEqual([2, 4]);
    expect(lrpo.filter((e) => e.type === 'save')).toEqual([{ type: 'save', step: 2, reason: 'save_freq' }, { type: 'save', step: 4, reason: 'finished' }]);
    expect(run.finished).toBe(true);
    await expect(run.next()).rejects.toThrow(/finished/);
  }, 60_000);

  for (const stopAt of [{ sft: 1, step: 0 }, { sft: 3, step: 0 }, { sft: 3, step: 1 }, { sft: 3, step: 3 }]) {
    it(`saved at SFT step ${stopAt.sft}, LRPO step ${stopAt.step} and resumed: bitwise the same as a run that never stopped`, async () => {
      const c = config();
      const straight = await Run.create(inputs(c));
      const all = await drain(straight);

      const first = await Run.create(inputs(c));
      const before = await drain(first, (r) => r.sftStep >= stopAt.sft && r.step >= stopAt.step);
      const save = decodeRunSave(encodeRunSave(await first.capture({ 'metrics.jsonl': 7 })), 'mem');
      expect(save.logs).toEqual({ 'metrics.jsonl': 7 });
      const second = await Run.create(inputs(c));
      await second.restore(save);
      expect([second.sftStep, second.step, second.phase]).toEqual([first.sftStep, first.step, first.phase]);
      const after = await drain(second);

      expect(comparable([...before, ...after])).toEqual(comparable(all));
      expect(await params(second.model)).toEqual(await params(straight.model));
      expect(await params(second.reference!)).toEqual(await params(straight.reference!));
      expect(second.routerState()).toEqual(straight.routerState());
      expect(await second.model.exportOptimizerState()).toEqual(await straight.model.exportOptimizerState());
    }, 60_000);
  }

  it('refuses up front with every problem and its field', async () => {
    const c = config();
    c.router.languages = ['de', 'en', 'zh', 'ja'];
    c.data.max_response_length = 20; // 40 + 20 > 48
    c.reward.similarity = 'embedding';
    c.data.val_files = '';
    // a checkpoint whose tokenizer has tags for de, en, zh only
    const gpt = { nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 48, vocabSize: buildSpecialTable(LANGS).vocabSize };
    const checkpoint = { config: gpt, params: toParamMap(gpt, initParams(gpt, 1)), specialTokens: buildSpecialTable(LANGS) };
    const err = await Run.create(inputs(c, { val: [], policy: { kind: 'checkpoint', name: 'three-tags', checkpoint } })).catch((e) => e);
    expect(err).toBeInstanceOf(RunRefused);
    expect((err as RunRefused).problems.map((p) => p.field)).toEqual(['router.languages', 'data.max_response_length', 'reward.embedding_model_url', 'data.val_files']);
    expect((err as RunRefused).problems[0].reason).toMatch(/no <\|out_lang_xx\|> token for ja/);
  });

  it('leaves out questions whose language has no tag, and says so', async () => {
    const c = config();
    const train = [...tinyExamples(), { ...tinyExamples()[0], index: 9, language: 'ja', question: '日本の首都は?' }];
    const run = await Run.create(inputs(c, { train }));
    expect(run.train).toHaveLength(6);
    expect(run.skipped).toHaveLength(1);
    expect(run.skipped[0]).toMatchObject({ row: 9, field: 'extra_info.language' });
  });

  it('a fault injected during SFT hits the first LRPO update', async () => {
    const c = config();
    c.trainer.test_freq = 0;
    const run = await Run.create(inputs(c));
    run.injectFault();
    const events = await drain(run, (r) => r.step >= 1);
    const fault = events.find((e) => e.type === 'fault');
    expect(fault).toMatchObject({ type: 'fault', step: 1, consecutive: 1, halted: null });
  });

  it('restores only a save of the same run (more steps or another backend are the same run)', async () => {
    const c = config();
    const a = await Run.create(inputs(c));
    const save = await a.capture();
    const longer = config();
    longer.trainer.total_training_steps = 9;
    await (await Run.create(inputs(longer))).restore(save);
    const other = config();
    other.actor.lr = 0.5;
    await expect((await Run.create(inputs(other))).restore(save)).rejects.toThrow(/another configuration/);
  });
});
