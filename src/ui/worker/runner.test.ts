// The worker's training loop with a real Trainer on the CPU model (1 layer, 16 wide): autosave,
// resume with identical router state, NaN-gradient skip, fault limit, device-loss recovery.
// Test fixtures authored here: a byte tokenizer with language tags, six questions, and a scorer
// whose reward is an exact function of the response (fraction of bytes that are ASCII letters).
import { describe, expect, it } from 'vitest';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { createRouter } from '../../lrpo/router/create-router';
import { Trainer, type RolloutScorer } from '../../lrpo/trainer';
import type { SftTokenizer } from '../../lrpo/sft';
import type { Example } from '../../data/example';
import type { FromWorker } from './protocol';
import { TrainingRunner, type RunSession } from './runner';
import { MemoryKv, SaveStore } from './save-store';

const LANGS = defaultRunConfig().router.languages;
const tok: SftTokenizer & { vocabSize: number } = {
  bosId: 256, eosId: 257, padId: 258, vocabSize: 259 + LANGS.length,
  encode: (t) => [...new TextEncoder().encode(t)],
  decode: (ids) => new TextDecoder().decode(new Uint8Array(ids.filter((i) => i < 256))),
  langTokenId: (c) => {
    const i = LANGS.indexOf(c);
    if (i < 0) throw new Error(`no tag for ${c}`);
    return 259 + i;
  },
};
const ex = (i: number, topic: string, language: string, regions: string[]): Example => ({
  index: i, dataSource: 'test', question: `q${i}?`, answer: `a${i}`, topic, language, regions,
  references: { [language]: `a${i}` }, prompt: [{ role: 'user', content: `q${i}?` }],
});
const EXAMPLES = [
  ex(0, 'General Knowledge', 'en', []), ex(1, 'Regional Knowledge', 'zh', ['China']), ex(2, 'General Knowledge', 'es', []),
  ex(3, 'Regional Knowledge', 'es', ['Spain']), ex(4, 'Reasoning / Logic', 'de', []), ex(5, 'General Knowledge', 'fr', []),
];
const score: RolloutScorer = async (items) =>
  items.map((it) => {
    const letters = [...it.response].filter((c) => /[A-Za-z]/.test(c)).length;
    const r = it.response.length ? letters / it.response.length : 0;
    return { detectedLang: it.targetLang, similarity: 2 * r - 1, calibrated: 2 * r - 1, reward: r };
  });

function config(): RunConfig {
  const c = defaultRunConfig();
  c.backend = 'cpu';
  c.model = { checkpoint: '', n_layer: 1, n_head: 2, n_embd: 16, block_size: 32 };
  c.data.train_batch_size = 2;
  c.actor.ppo_mini_batch_size = 2;
  c.actor.rollout_n = 4;
  c.data.max_prompt_length = 16;
  c.data.max_response_length = 6;
  c.router.lang_policy_update_every = 1;
  c.trainer.save_freq = 2;
  c.trainer.total_training_steps = 100;
  return c;
}

function factory() {
  const sessions: RunSession[] = [];
  const make = async (c: RunConfig): Promise<RunSession> => {
    const g = { nLayer: c.model.n_layer, nHead: c.model.n_head, nEmbd: c.model.n_embd, blockSize: c.model.block_size, vocabSize: tok.vocabSize };
    const model = new CpuModel(g, undefined, c.seed);
    const reference = new CpuModel(g, model.params, 0);
    const router = createRouter(c.router, c.seed);
    const trainer = new Trainer({ config: c, model, reference, tokenizer: tok, router, score, train: EXAMPLES });
    let lose!: (m: string) => void;
    const s: RunSession = {
      trainer, model, reference, examples: EXAMPLES,
      device: { backend: 'cpu', adapterName: 'CPU reference', isFallbackAdapter: false },
      lost: new Promise<string>((r) => (lose = r)),
      loseDevice: () => lose('device destroyed (drill)'),
      exportCheckpoint: async () => ({ filename: 'x', bytes: new Uint8Array() }),
      dispose: () => {},
    };
    sessions.push(s);
    return s;
  };
  return { make, sessions };
}

const until = async (cond: () => boolean, ms = 20_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('TrainingRunner', () => {
  it('autosaves every save_freq and on pause; a new runner resumes at that step with identical router state', async () => {
    const kv = new MemoryKv();
    const msgs: FromWorker[] = [];
    const f = factory();
    const a = new TrainingRunner(f.make, new SaveStore(kv), (m) => msgs.push(m));
    await a.handle({ type: 'init', config: config(), examples: [] });
    await a.handle({ type: 'start' });
    await until(() => a.step >= 3);
    await a.handle({ type: 'pause' });
    const saves = msgs.filter((m) => m.type === 'saved').map((m) => (m as { step: number }).step);
    expect(saves.slice(0, 1)).toEqual([2]);
    expect(saves[saves.length - 1]).toBe(a.step); // saved on pause
    const pausedAt = a.step;
    const routerA = f.sessions[0].trainer.getState();

    const msgs2: FromWorker[] = [];
    const f2 = factory();
    const b = new TrainingRunner(f2.make, new SaveStore(kv), (m) => msgs2.push(m));
    await b.handle({ type: 'init', config: config(), examples: [] });
    expect(msgs2.find((m) => m.type === 'savedRun')).toMatchObject({ step: pausedAt });
    await b.handle({ type: 'resume' });
    expect(b.step).toBe(pausedAt);
    const resumed = msgs2.find((m) => m.type === 'resumed') as Extract<FromWorker, { type: 'resumed' }>;
    expect(resumed.history.map((r) => r.step)).toEqual(Array.from({ length: pausedAt }, (_, i) => i + 1));
    expect(f2.sessions[f2.sessions.length - 1].trainer.getState()).toEqual(routerA);

    // both continue one step: the same report (same weights, optimizer, RNG and router)
    await a.handle({ type: 'step' });
    await b.handle({ type: 'step' });
    const last = (ms: FromWorker[]) => (ms.filter((m) => m.type === 'reports').pop() as Extract<FromWorker, { type: 'reports' }>).reports[0];
    const ra = last(msgs), rb = last(msgs2);
    expect(rb.step).toBe(ra.step);
    expect(rb.rollouts).toEqual(ra.rollouts);
    expect(rb.metrics['critic/score/mean']).toBe(ra.metrics['critic/score/mean']);
    expect(rb.router?.probs).toEqual(ra.router?.probs);
  });

  it('an injected NaN gradient skips the update, keeps the weights, and reports the fault', async () => {
    const msgs: FromWorker[] = [];
    const f = factory();
    const r = new TrainingRunner(f.make, null, (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    await r.handle({ type: 'step' });
    const cpu = f.sessions[0].model as CpuModel;
    const w0 = cpu.params.slice();
    await r.handle({ type: 'injectFault', kind: 'nan-grad' });
    await r.handle({ type: 'step' });
    expect(cpu.params).toEqual(w0);
    const fault = msgs.find((m) => m.type === 'fault') as Extract<FromWorker, { type: 'fault' }>;
    expect(fault.step).toBe(2);
    expect(fault.message).toMatch(/skipped/);
    const rep = msgs.filter((m) => m.type === 'reports').pop() as Extract<FromWorker, { type: 'reports' }>;
    expect(rep.reports[0].skipped).toBe(true);
    // a normal step afterwards changes the weights again
    await r.handle({ type: 'step' });
    expect(cpu.params).not.toEqual(w0);
  });

  it('repeated faults pause the run with a message', async () => {
    const msgs: FromWorker[] = [];
    const c = config();
    c.trainer.max_consecutive_faults = 2;
    const r = new TrainingRunner(factory().make, null, (m) => msgs.push(m));
    await r.handle({ type: 'init', config: c, examples: [] });
    await r.handle({ type: 'injectFault', kind: 'nan-grad' });
    await r.handle({ type: 'step' });
    await r.handle({ type: 'injectFault', kind: 'nan-grad' });
    await r.handle({ type: 'step' });
    const paused = msgs.find((m) => m.type === 'paused') as Extract<FromWorker, { type: 'paused' }>;
    expect(paused.reason).toMatch(/2 consecutive steps/);
  });

  it('device loss: reports it, rebuilds the session, reloads the last save and carries on', async () => {
    const kv = new MemoryKv();
    const msgs: FromWorker[] = [];
    const f = factory();
    const r = new TrainingRunner(f.make, new SaveStore(kv), (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    for (let i = 0; i < 3; i++) await r.handle({ type: 'step' }); // saved at 2, now at 3
    await r.handle({ type: 'loseDevice' });
    await until(() => msgs.some((m) => m.type === 'recovered'));
    expect(msgs.some((m) => m.type === 'deviceLost')).toBe(true);
    expect(f.sessions.length).toBe(2);
    expect(r.step).toBe(2);
    await r.handle({ type: 'step' });
    expect(r.step).toBe(3);
  });

  it('a step that fails because the device is going away is recovered from, not reported as an error', async () => {
    const kv = new MemoryKv();
    const msgs: FromWorker[] = [];
    const f = factory();
    const make = async (c: RunConfig, ex: readonly Example[]) => {
      const s = await f.make(c);
      void ex;
      const real = s.trainer.trainStep.bind(s.trainer);
      const signalLoss = s.loseDevice;
      let dying = false;
      s.loseDevice = () => void (dying = true);
      // as on a real GPU: the call in flight fails first, the device-lost signal follows a moment later
      s.trainer.trainStep = async () => {
        if (!dying) return real();
        setTimeout(signalLoss, 50);
        throw new Error("Failed to execute 'mapAsync' on 'GPUBuffer': Buffer was unmapped before mapping was resolved.");
      };
      return s;
    };
    const r = new TrainingRunner(make, new SaveStore(kv), (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    await r.handle({ type: 'step' });
    await r.handle({ type: 'step' }); // saved at 2
    await r.handle({ type: 'start' });
    await r.handle({ type: 'loseDevice' });
    await until(() => msgs.some((m) => m.type === 'recovered'));
    await until(() => r.step >= 3); // carries on running after the recovery
    await r.handle({ type: 'pause' });
    expect(msgs.filter((m) => m.type === 'error')).toEqual([]);
    expect(msgs.some((m) => m.type === 'deviceLost')).toBe(true);
  });
});
