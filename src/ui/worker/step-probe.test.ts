// The one-step probe on the CPU path: after timing a step and putting the state back, the run's next
// steps are identical (reports without wall-clock figures, router state, weights, AdamW state) to
// those of a run that was never probed — on the GPT-2 demo model with a copied KL reference (probed
// in LRPO, and on the last SFT update, which starts LRPO inside the probe), and on the qwen2-tiny
// fixture with LoRA in chat mode (its KL reference the base without the adapter: step 1's KL is
// exactly 0 after the probe as without it). Fixtures: our tiny questions (src/lrpo/testing) and a
// deterministic reward (chrF against the target-language reference, gated by a script check).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fsFolder } from '../../engine/hf/folder-fs';
import type { Model, ModelConfigBase } from '../../engine/model-api';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { chrF } from '../../lrpo/rewards/chrf';
import type { RunEvent } from '../../lrpo/run/events';
import { Run } from '../../lrpo/run/run';
import { tinyExamples } from '../../lrpo/testing/tiny-examples';
import type { RolloutScorer, StepReport } from '../../lrpo/trainer';
import { probeRunStep, probeStepMessage } from './step-probe';
import { RunnerState, type RunnerOps } from './runner-context';
import type { FromWorker } from './protocol';
import type { RunSession } from './run-session';

const LANGS = ['de', 'en', 'zh'];
const score: RolloutScorer = async (items) => items.map(({ response, targetLang, example }) => {
  const detected = /\p{Script=Han}/u.test(response) ? 'zh' : /[a-z]/i.test(response) ? 'en' : null;
  const s = chrF(response, example.references[targetLang] ?? example.answer);
  return { detectedLang: detected, similarity: s, calibrated: s, reward: detected === targetLang || (detected === 'en' && targetLang === 'de') ? s : 0 };
});

const noTiming = (r: StepReport) => {
  const m = { ...r.metrics };
  for (const k of Object.keys(m)) if (k.startsWith('timing_s/') || k === 'perf/throughput') delete m[k];
  return { ...r, metrics: m, timing: {} };
};
const comparable = (events: RunEvent[]) => events.map((e) => (e.type === 'step' ? { ...e, report: noTiming(e.report) } : e));
const params = async (m: Model<ModelConfigBase>) => [...(await m.exportParams())].map(([k, t]) => [k, Array.from(t.data)]);
const optimizer = async (m: Model<ModelConfigBase>) => {
  const o = await m.exportOptimizerState();
  return { step: o.step, m: [...o.m].map(([k, v]) => [k, Array.from(v)]), v: [...o.v].map(([k, v]) => [k, Array.from(v)]) };
};

async function drain(run: Run): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  while (!run.finished) out.push(...(await run.next()));
  return out;
}

function gptConfig(sftSteps: number): RunConfig {
  const c = defaultRunConfig();
  c.seed = 7;
  c.backend = 'cpu';
  c.model = { ...c.model, checkpoint: '', n_layer: 1, n_head: 2, n_embd: 16, block_size: 48 };
  c.router.languages = LANGS;
  c.router.lang_policy_update_every = 1;
  c.data.train_batch_size = 2;
  c.data.max_prompt_length = 40;
  c.data.max_response_length = 6;
  c.actor.rollout_n = 4;
  c.actor.ppo_mini_batch_size = 1;
  c.actor.lr = 1e-2;
  c.actor.use_kl_loss = true;
  c.sft = { ...c.sft, steps: sftSteps, batch_size: 4, lr: 1e-2, warmup_steps: 0 };
  c.trainer = { ...c.trainer, total_training_steps: 2, save_freq: 0, test_freq: 0 };
  return c;
}

async function gptRun(c: RunConfig): Promise<Run> {
  return Run.create({ config: c, policy: { kind: 'init' }, backend: 'cpu', train: tinyExamples(), val: [], score, similarity: 'match' });
}

/** a clock that moves 1.5 s per call: the probe's seconds are its own difference, nothing else */
function fakeClock() {
  let t = 0;
  return () => (t += 1500);
}

describe('probeRunStep', () => {
  it('times an LRPO step of the GPT-2 demo model and leaves the run exactly as an unprobed one', async () => {
    const probed = await gptRun(gptConfig(0));
    const plain = await gptRun(gptConfig(0));
    const before = await params(probed.model);
    const p = await probeRunStep(probed, fakeClock());
    expect(p).toMatchObject({ unit: 'lrpo', seconds: 1.5, step: 0 });
    expect(Object.keys(p.split).sort()).toEqual(['timing_s/adv', 'timing_s/gen', 'timing_s/reward', 'timing_s/update_actor']);
    expect(probed.step).toBe(0);
    expect(await params(probed.model)).toEqual(before);
    expect((await probed.model.exportOptimizerState()).step).toBe(0);
    // the probe really trained (the weights moved) before they were put back
    const a = comparable(await drain(probed));
    const b = comparable(await drain(plain));
    expect(a).toEqual(b);
    expect(a.filter((e) => e.type === 'step')).toHaveLength(2);
    expect(await params(probed.model)).toEqual(await params(plain.model));
    expect(await optimizer(probed.model)).toEqual(await optimizer(plain.model));
    expect(probed.routerState()).toEqual(plain.routerState());
    expect(await params(probed.reference!)).toEqual(await params(plain.reference!));
  }, 60_000);

  it('a step changes the run (so the comparison above can fail): one step moves the weights and the step', async () => {
    const run = await gptRun(gptConfig(0));
    const before = await params(run.model);
    await run.next();
    expect(run.step).toBe(1);
    expect(await params(run.model)).not.toEqual(before);
  }, 60_000);

  it('on the last SFT update (which starts LRPO and copies the reference inside the probe) puts the run back into SFT', async () => {
    const probed = await gptRun(gptConfig(1));
    const plain = await gptRun(gptConfig(1));
    const p = await probeRunStep(probed, fakeClock());
    expect(p.unit).toBe('sft');
    expect(p.split).toEqual({});
    expect(probed.phase).toBe('sft');
    expect(probed.sftStep).toBe(0);
    expect(comparable(await drain(probed))).toEqual(comparable(await drain(plain)));
    expect(await params(probed.model)).toEqual(await params(plain.model));
    expect(await params(probed.reference!)).toEqual(await params(plain.reference!));
  }, 60_000);

  it('refuses a finished run', async () => {
    const run = await gptRun(gptConfig(0));
    await drain(run);
    await expect(probeRunStep(run)).rejects.toThrow(/all its steps/);
  }, 60_000);

  it('on qwen2-tiny with LoRA in chat mode: the run after the probe equals the unprobed run (KL 0 at step 1)', async () => {
    const dir = fileURLToPath(new URL('../../../../shared/fixtures/qwen2-tiny', import.meta.url));
    const c = defaultRunConfig();
    c.seed = 5;
    c.backend = 'cpu';
    c.model = { ...c.model, path: dir, lora_rank: 2, lora_alpha: 4, target_modules: 'q_proj,v_proj,down_proj' };
    c.router.languages = LANGS;
    c.router.lang_policy_update_every = 1;
    c.data = { ...c.data, train_batch_size: 2, max_prompt_length: 96, max_response_length: 8, instruction_mode: 'chat' };
    c.actor = { ...c.actor, rollout_n: 2, ppo_mini_batch_size: 2, lr: 0.02, use_kl_loss: true };
    c.trainer = { ...c.trainer, total_training_steps: 2, save_freq: 0, test_freq: 0 };
    const make = async () => {
      const run = await Run.create({
        config: c, policy: { kind: 'family', folder: fsFolder(dir) }, backend: 'cpu', train: tinyExamples(), val: [], score, similarity: 'match',
      });
      return { run, fam: run.policy.family! };
    };
    const probed = await make();
    const plain = await make();
    const p = await probeRunStep(probed.run);
    expect(p.unit).toBe('lrpo');
    expect(p.seconds).toBeGreaterThan(0);
    expect(probed.run.step).toBe(0);
    const a = comparable(await drain(probed.run));
    const b = comparable(await drain(plain.run));
    expect(a).toEqual(b);
    const steps = a.filter((e): e is Extract<RunEvent, { type: 'step' }> => e.type === 'step');
    expect(steps[0].report.metrics['actor/kl_loss']).toBe(0);
    const adapter = async (f: typeof probed.fam) => [...(await f.lora!.trainable())].map(([k, t]) => [k, Array.from(t.data)]);
    expect(await adapter(probed.fam)).toEqual(await adapter(plain.fam));
  }, 240_000);

  it('the worker message: refused while training, else stepProbe posted and the run state put back', async () => {
    const run = await gptRun(gptConfig(0));
    const st = new RunnerState();
    st.built({ run } as unknown as RunSession, run.config);
    st.status('ready');
    const posted: FromWorker[] = [];
    const statuses: string[] = [];
    const ops = { status: (s: string) => { statuses.push(s); st.status(s as typeof st.state); } } as unknown as RunnerOps;
    st.loopStarted();
    await probeStepMessage(st, ops, (m) => posted.push(m));
    st.loopStopped();
    expect(posted).toEqual([{ type: 'stepProbeFailed', message: 'the run is training: pause it to estimate the step time' }]);
    posted.length = 0;
    await probeStepMessage(st, ops, (m) => posted.push(m));
    expect(statuses).toEqual(['running', 'ready']);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'stepProbe', unit: 'lrpo', step: 0 });
    expect(run.step).toBe(0);
  }, 60_000);
});
