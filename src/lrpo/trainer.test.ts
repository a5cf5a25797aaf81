import { describe, expect, it } from 'vitest';
import { CpuModel } from '../engine/gpt/cpu-model';
import { defaultRunConfig, type RunConfig } from './config';
import { createRouter } from './router/create-router';
import { routerSeed } from './run-seeds';
import { chrF } from './rewards/chrf';
import { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import { tinyExamples } from './testing/tiny-examples';
import { Trainer, type RolloutScorer, type StepReport } from './trainer';

const LANGS = ['de', 'en', 'zh'];
const tok = ByteTokenizer.forLanguages(LANGS);

// Test reward: chrF against the target-language reference, gated by a script check (CJK for zh,
// Latin otherwise) — a deterministic stand-in for LID so these tests need no model files.
const score: RolloutScorer = async (items) => items.map(({ response, targetLang, example }) => {
  const detected = /\p{Script=Han}/u.test(response) ? 'zh' : /[a-z]/i.test(response) ? 'en' : null;
  const ref = example.references[targetLang] ?? example.answer;
  const s = chrF(response, ref);
  const ok = detected === targetLang || (detected === 'en' && targetLang === 'de');
  return { detectedLang: detected, similarity: s, calibrated: s, reward: ok ? s : 0 };
});

function config(): RunConfig {
  const c = defaultRunConfig();
  c.seed = 3;
  c.backend = 'cpu';
  c.router.languages = LANGS;
  c.router.lang_policy_update_every = 2;
  c.data.train_batch_size = 2;
  c.data.max_prompt_length = 40;
  c.data.max_response_length = 6;
  c.actor.rollout_n = 4;
  c.actor.ppo_mini_batch_size = 1;
  c.actor.lr = 1e-2;
  c.model.n_layer = 1;
  c.model.n_embd = 16;
  c.model.n_head = 2;
  c.model.block_size = 48;
  return c;
}

async function setup(c: RunConfig) {
  const gpt = { nLayer: c.model.n_layer, nHead: c.model.n_head, nEmbd: c.model.n_embd, blockSize: c.model.block_size, vocabSize: tok.vocabSize };
  const model = new CpuModel(gpt, undefined, 11);
  const reference = new CpuModel(gpt, model.params);
  const router = createRouter(c.router, routerSeed(c.seed));
  const trainer = new Trainer({ config: c, model, reference, tokenizer: tok, router, score, train: tinyExamples() });
  return { model, reference, router, trainer };
}

const noTiming = (r: StepReport) => {
  const m = { ...r.metrics };
  for (const k of Object.keys(m)) if (k.startsWith('timing_s/') || k.startsWith('perf/throughput')) delete m[k];
  return { ...r, metrics: m, timing: {} };
};

describe('Trainer', () => {
  it('runs routed GRPO steps with verl-named metrics, router logs and full rollout records', async () => {
    const c = config();
    c.actor.ppo_mini_batch_size = 2; // one mini-batch: the update sees exactly the sampling policy
    const { trainer } = await setup(c);
    const r1 = await trainer.trainStep();
    expect(r1.step).toBe(1);
    expect(r1.rollouts).toHaveLength(8);
    for (const k of ['critic/score/mean', 'critic/advantages/max', 'actor/pg_loss', 'actor/pg_clipfrac', 'actor/ppo_kl', 'actor/entropy',
      'actor/kl_loss', 'actor/grad_norm', 'response_length/mean', 'response_length/clip_ratio', 'timing_s/gen', 'timing_s/step',
      'perf/throughput', 'studio/zero_std_group_frac', 'train_resp_len/lang/en', 'faults/nonfinite', 'router/tau', 'router/eps']) {
      expect(Number.isFinite(r1.metrics[k]), k).toBe(true);
    }
    // one mini-batch: the old log-probs are recomputed by a forward pass before the update (as verl),
    // so the ratio is exactly 1, nothing is clipped, and the policy still equals the reference
    expect(r1.metrics['actor/ppo_kl']).toBe(0);
    expect(r1.metrics['actor/pg_clipfrac']).toBe(0);
    expect(Math.abs(r1.metrics['actor/kl_loss'])).toBeLessThan(1e-8);
    expect(r1.routerLog?.step).toBe(1);
    for (const g of [0, 1]) {
      const grp = r1.rollouts.filter((r) => r.group === g);
      expect(grp).toHaveLength(4);
      if (grp[0].topic !== 'Translation') expect(grp.slice(0, 2).every((r) => r.targetLang === r.origLang && r.source === 'quota')).toBe(true);
    }
    expect(r1.advantageHistogram.counts.reduce((a, b) => a + b)).toBe(8);
  });

  it('reports what a walk-through needs: each rollout\'s tokens with log-probs/entropies before and log-probs after the update, and the router\'s distribution at the draw', async () => {
    const c = config();
    const { trainer, router } = await setup(c);
    router.beginStep();
    const expected = (topic: string, regions: string[]) => Array.from(router.probabilities({ topic, regions }).effective);
    const r = await trainer.trainStep();
    for (const x of r.rollouts) {
      expect(x.tokens!.length).toBe(x.responseLength);
      expect(x.tokens!.join('')).toContain(x.response.slice(0, 3));
      expect(x.logprobs!.length).toBe(x.responseLength);
      expect(x.entropies!.length).toBe(x.responseLength);
      expect(x.newLogprobs!.length).toBe(x.responseLength);
      expect(x.logprobs!.every((v) => v <= 0)).toBe(true);
      // at step 1 the rows are fresh (all zero): the distribution is the one the router gives before any update
      expect(x.routerProbs).toEqual(expected(x.topic, x.regions).map((v) => Math.round(v * 1e4) / 1e4));
      expect(x.routerProbs!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
    // the update changed the policy: some token's probability moved
    expect(r.rollouts.some((x) => x.newLogprobs!.some((v, j) => Math.abs(v - x.logprobs![j]) > 1e-4))).toBe(true);
  });

  it('is deterministic for a seed, and a save/restore after 3 steps continues exactly like an uninterrupted 5-step run', async () => {
    const c = config();
    const straight = await setup(c);
    const full: StepReport[] = [];
    for (let i = 0; i < 5; i++) full.push(await straight.trainer.trainStep());

    const first = await setup(c);
    const part: StepReport[] = [];
    for (let i = 0; i < 3; i++) part.push(await first.trainer.trainStep());
    // the trainer's part of a save (run/run.test.ts checks the whole save through its files)
    const state = JSON.parse(JSON.stringify(first.trainer.getState()));
    expect(state.step).toBe(3);
    const second = await setup(c);
    await second.model.importParams(await first.model.exportParams());
    await second.model.importOptimizerState(await first.model.exportOptimizerState());
    await second.reference.importParams(await first.reference.exportParams());
    second.trainer.setState(state);
    for (let i = 0; i < 2; i++) part.push(await second.trainer.trainStep());

    expect(part.map(noTiming)).toEqual(full.map(noTiming));
    expect(second.router.getState()).toEqual(straight.router.getState());
    expect(Array.from(second.model.params)).toEqual(Array.from(straight.model.params));
  }, 60_000);

  it('skips a non-finite update, keeps the weights, counts it, and halts after max_consecutive_faults', async () => {
    const c = config();
    c.trainer.max_consecutive_faults = 2;
    c.actor.ppo_mini_batch_size = 2;
    const { trainer, model } = await setup(c);
    const before = Float32Array.from(model.params);
    trainer.injectFault();
    const r = await trainer.trainStep();
    expect(r.skipped).toBe(true);
    expect(r.metrics['actor/skipped_updates']).toBe(1);
    expect(r.metrics['faults/nonfinite']).toBe(1);
    expect(r.halted).toBeNull();
    expect(Array.from(model.params)).toEqual(Array.from(before));
    trainer.injectFault();
    const r2 = await trainer.trainStep();
    expect(r2.halted).toMatch(/2 consecutive steps .*trainer.max_consecutive_faults = 2/);
    const r3 = await trainer.trainStep();
    expect(r3.skipped).toBe(false);
    expect(r3.metrics['faults/consecutive']).toBe(0);
    expect(Array.from(model.params)).not.toEqual(Array.from(before));
  }, 30_000);

  it('a non-finite reward is a numeric fault: the update is skipped, the weights kept, the router not fed NaN', async () => {
    const c = config();
    c.router.lang_policy_update_every = 1;
    const gpt = { nLayer: c.model.n_layer, nHead: c.model.n_head, nEmbd: c.model.n_embd, blockSize: c.model.block_size, vocabSize: tok.vocabSize };
    const model = new CpuModel(gpt, undefined, 11);
    const router = createRouter(c.router, routerSeed(c.seed));
    let calls = 0;
    const nanOnce: RolloutScorer = async (items) => {
      const out = await score(items);
      if (calls++ === 0) out[3] = { ...out[3], similarity: NaN, calibrated: NaN, reward: NaN };
      return out;
    };
    const trainer = new Trainer({ config: c, model, reference: new CpuModel(gpt, model.params), tokenizer: tok, router, score: nanOnce, train: tinyExamples() });
    const before = Float32Array.from(model.params);
    const r = await trainer.trainStep();
    expect(r.skipped).toBe(true);
    expect(r.faults[0]).toMatch(/^rollout 3 \(row \d+, [a-z]+\): reward is NaN/);
    expect(r.metrics['faults/nonfinite']).toBe(1);
    expect(Number.isFinite(r.metrics['critic/score/mean'])).toBe(true); // over the 7 finite rewards
    expect(r.rollouts[3].reward).toBeNaN();
    expect(r.rollouts[3].advantage).toBe(0);
    expect(r.advantages).toHaveLength(7);
    expect(Array.from(model.params)).toEqual(Array.from(before));
    const tables = JSON.stringify(router.getState().tables);
    expect(tables).not.toMatch(/null|NaN/);
    const r2 = await trainer.trainStep();
    expect(r2.skipped).toBe(false);
    expect(Array.from(model.params)).not.toEqual(Array.from(before));
  }, 30_000);

  it('every rollout with a router arm reaches the router: quota, fixed-language and routed ones, with its reward', async () => {
    const c = config();
    c.router.lang_policy_update_every = 1000; // keep the buffer
    c.data.train_batch_size = tinyExamples().length; // every question, Translation ones included
    const { trainer, router } = await setup(c);
    const r = await trainer.trainStep();
    const buffer = router.getState().buffer;
    const expected = r.rollouts.flatMap((x) => (x.regions.length ? x.regions : ['None']).map((region) => ({
      topic: x.topic, region, lang: c.router.languages.indexOf(x.targetLang), reward: x.reward,
    })));
    expect(buffer).toEqual(expected.filter((e) => e.lang >= 0));
    const sources = new Set(r.rollouts.map((x) => x.source));
    expect(sources.has('quota')).toBe(true);
    expect(sources.has('router')).toBe(true);
    expect(r.rollouts.some((x) => x.topic === 'Translation')).toBe(true);
  }, 30_000);

  it('monolingual and uniform-mix baselines route without the router', async () => {
    const mono = config();
    mono.router.dynamic_lang_policy = false;
    const a = await (await setup(mono)).trainer.trainStep();
    expect(a.rollouts.every((r) => r.targetLang === r.origLang)).toBe(true);
    expect(a.routerLog).toBeNull();
    const uni = config();
    uni.router.uniform_mix = true;
    const { trainer, router } = await setup(uni);
    const b = await trainer.trainStep();
    expect(b.rollouts.some((r) => r.source === 'uniform')).toBe(true);
    expect(router.step).toBe(0);
  });

  it('registers every topic and region of the training data at the start, in data order (the log has the reference\'s shape from step 1)', async () => {
    const { trainer } = await setup(config());
    const r1 = await trainer.trainStep();
    expect(Object.keys(r1.routerLog!.probs)).toEqual([
      'topic:General Knowledge', 'topic:Reasoning / Logic', 'topic:Regional Knowledge', 'topic:Translation', 'region:Germany', 'region:China',
    ]);
  });

  it('with rollout temperature T != 1 samples and scores logits / T: on-policy first step, KL to the reference exactly 0', async () => {
    const c = config();
    c.actor.rollout_temperature = 0.7;
    c.actor.ppo_mini_batch_size = 2;
    const { trainer } = await setup(c);
    const r1 = await trainer.trainStep();
    expect(r1.metrics['actor/ppo_kl']).toBe(0);
    expect(r1.metrics['actor/pg_clipfrac']).toBe(0);
    expect(r1.metrics['actor/kl_loss']).toBe(0);
  });

  it('actor.ppo_micro_batch_size: three steps give the same rollouts, metrics and weights as one pass per mini-batch (1e-5 relative)', async () => {
    const run = async (micro: number) => {
      const c = config();
      c.actor.ppo_mini_batch_size = 2; // 2 questions x 4 = 8 responses per mini-batch
      c.actor.ppo_micro_batch_size = micro;
      const { trainer, model } = await setup(c);
      const reports = [];
      for (let i = 0; i < 3; i++) reports.push(noTiming(await trainer.trainStep()));
      return { reports, params: model.params.slice() };
    };
    const whole = await run(0);
    const micro = await run(2);
    micro.reports.forEach((r, i) => {
      const w = whole.reports[i];
      // the same responses: the weights (and so the sampling) stayed the same through the steps
      expect(r.rollouts.map((x) => x.response)).toEqual(w.rollouts.map((x) => x.response));
      for (const [k, v] of Object.entries(w.metrics)) {
        if (typeof v === 'number') expect(Math.abs((r.metrics[k] as number) - v), `step ${i + 1} ${k}`).toBeLessThanOrEqual(1e-5 * Math.abs(v) + 1e-9);
      }
    });
    let err = 0, scale = 0;
    whole.params.forEach((x, i) => { err = Math.max(err, Math.abs(x - micro.params[i])); scale = Math.max(scale, Math.abs(x)); });
    expect(err / scale).toBeLessThan(1e-5);
  });
});
