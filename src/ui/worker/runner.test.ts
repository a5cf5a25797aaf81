// The worker's training loop with a real Trainer on the CPU model (1 layer, 16 wide): autosave,
// resume with identical router state, NaN-gradient skip, fault limit, device-loss recovery.
// Test fixtures authored here: a byte tokenizer with language tags, six questions, and a scorer
// whose reward is an exact function of the response (fraction of bytes that are ASCII letters).
import { describe, expect, it } from 'vitest';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import { CpuModel } from '../../engine/gpt/cpu-model';
import type { GPTConfig } from '../../engine/model-api';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { Run } from '../../lrpo/run/run';
import type { RolloutScorer } from '../../lrpo/trainer';
import type { Example } from '../../data/example';
import type { FromWorker } from './protocol';
import { TrainingRunner, type RunSession, type SessionInputs } from './runner';
import { checkCalibrationUpload, type CalibrationUpload } from './calibration-upload';
import { checkpointToBundle } from '../../engine/checkpoint/checkpoint';
import { toParamMap } from '../../engine/gpt/param-map';
import { initParams } from '../../engine/gpt/params';
import type { CalibrationReport } from './session-scorer';
import { MemoryKv, SaveStore } from './save-store';

const LANGS = defaultRunConfig().router.languages;
const tok = ByteTokenizer.forLanguages(LANGS);
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
  c.model = { ...c.model, checkpoint: '', n_layer: 1, n_head: 2, n_embd: 16, block_size: 32 };
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

// the fake session's reward ignores calibration; it reports the table it was given as real sessions do
function fakeCalibration(u: CalibrationUpload | null): CalibrationReport {
  if (!u) return { info: { source: 'none', name: '', mode: 'none', pairs: 0 }, problems: [] };
  const c = checkCalibrationUpload(u);
  return { info: { source: 'file', name: u.name, mode: c.mode, pairs: c.pairs }, problems: c.problems };
}

function factory() {
  const sessions: RunSession[] = [];
  const make = async (c: RunConfig, _ex?: readonly Example[], inputs?: SessionInputs): Promise<RunSession> => {
    const opened = inputs?.checkpoint;
    const run = await Run.create({
      config: c, policy: opened ? { kind: 'checkpoint', name: opened.name, checkpoint: opened.ckpt } : { kind: 'init' }, backend: 'cpu',
      train: EXAMPLES, val: [], score, similarity: 'match',
    });
    const model = run.model;
    let lose!: (m: string) => void;
    const s: RunSession = {
      run, model, examples: EXAMPLES, tokenizer: run.policy.tokenizer,
      device: { backend: 'cpu', adapterName: 'CPU reference', isFallbackAdapter: false },
      lost: new Promise<string>((r) => (lose = r)),
      loseDevice: () => lose('device destroyed (drill)'),
      calibration: fakeCalibration(inputs?.calibration ?? null),
      setCalibration: async (u) => ((s as { calibration: CalibrationReport }).calibration = fakeCalibration(u)),
      // embedding models: see embedding-opening.test.ts (real sessions)
      similarity: { backend: 'match' },
      setEmbedding: async () => ({ backend: 'match' }),
      scoringIdle: async () => {},
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
    const routerA = (await f.sessions[0].run.capture()).trainer;

    const msgs2: FromWorker[] = [];
    const f2 = factory();
    const b = new TrainingRunner(f2.make, new SaveStore(kv), (m) => msgs2.push(m));
    await b.handle({ type: 'init', config: config(), examples: [] });
    expect(msgs2.find((m) => m.type === 'savedRun')).toMatchObject({ step: pausedAt });
    await b.handle({ type: 'resume' });
    expect(b.step).toBe(pausedAt);
    const resumed = msgs2.find((m) => m.type === 'resumed') as Extract<FromWorker, { type: 'resumed' }>;
    expect(resumed.history.map((r) => r.step)).toEqual(Array.from({ length: pausedAt }, (_, i) => i + 1));
    expect((await f2.sessions[f2.sessions.length - 1].run.capture()).trainer).toEqual(routerA);

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
    await r.handle({ type: 'start' });
    await until(() => r.step >= 3); // autosaved at 2 (save_freq), the loop runs on
    await r.handle({ type: 'loseDevice' });
    await until(() => msgs.some((m) => m.type === 'recovered'));
    expect(msgs.some((m) => m.type === 'deviceLost')).toBe(true);
    expect(f.sessions.length).toBe(2);
    const recovered = msgs.find((m) => m.type === 'recovered') as Extract<FromWorker, { type: 'recovered' }>;
    const savedBefore = msgs.slice(0, msgs.indexOf(recovered)).filter((m) => m.type === 'saved').pop() as Extract<FromWorker, { type: 'saved' }>;
    expect(savedBefore.step % 2).toBe(0);
    expect(recovered.step).toBe(savedBefore.step); // exactly the last save, the steps after it are redone
    await r.handle({ type: 'pause' });
  });

  it('a step that fails because the device is going away is recovered from, not reported as an error', async () => {
    const kv = new MemoryKv();
    const msgs: FromWorker[] = [];
    const f = factory();
    const make = async (c: RunConfig, ex: readonly Example[]) => {
      const s = await f.make(c);
      void ex;
      const real = s.run.next.bind(s.run);
      const signalLoss = s.loseDevice;
      let dying = false;
      s.loseDevice = () => void (dying = true);
      // as on a real GPU: the call in flight fails first, the device-lost signal follows a moment later
      s.run.next = async () => {
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

describe('TrainingRunner: opened checkpoints and calibration tables', () => {
  const only = <T extends FromWorker['type']>(msgs: FromWorker[], type: T) => msgs.filter((m) => m.type === type) as Extract<FromWorker, { type: T }>[];
  /** a valid bundle of a model 8 wide (the run's own is 16), so a session built from it is recognisable */
  const bundle = () => {
    const g = { nLayer: 1, nHead: 2, nEmbd: 8, blockSize: 32, vocabSize: tok.vocabSize };
    return { g, bytes: checkpointToBundle({ config: g, params: toParamMap(g, initParams(g, 5)), specialTokens: null }) };
  };

  it('a bad checkpoint changes nothing: same session, step, history and save; a good one resets the run from it', async () => {
    const kv = new MemoryKv();
    const store = new SaveStore(kv);
    const msgs: FromWorker[] = [];
    const f = factory();
    const r = new TrainingRunner(f.make, store, (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    await r.handle({ type: 'step' });
    await r.handle({ type: 'step' });
    const { g, bytes } = bundle();
    const truncated = bytes.slice(0, bytes.length >> 1);
    const notCkpt = new TextEncoder().encode('hello, I am not a checkpoint');
    for (const files of [[{ name: 'half.safetensors', bytes: truncated }], [{ name: 'notes.txt', bytes: notCkpt }],
      [{ name: 'config.json', bytes: new TextEncoder().encode('{ nope') }, { name: 'model.safetensors', bytes }]]) {
      await r.handle({ type: 'openCheckpoint', files, config: config(), examples: [] });
    }
    const failed = only(msgs, 'checkpointFailed');
    expect(failed.map((m) => m.name)).toEqual(['half.safetensors', 'notes.txt', 'config.json + model.safetensors']);
    expect(failed[0].reason).toMatch(/^half\.safetensors: /);
    expect(failed[1].reason).toMatch(/^notes\.txt: /);
    expect(failed[2].reason).toMatch(/config\.json: not valid JSON/);
    expect(f.sessions.length).toBe(1);
    expect(r.step).toBe(2);
    expect((await store.pointer())!.step).toBe(2);
    expect(only(msgs, 'checkpointOpened')).toEqual([]);
    expect(only(msgs, 'runCleared')).toEqual([]);

    await r.handle({ type: 'openCheckpoint', files: [{ name: 'good.safetensors', bytes }], config: config(), examples: [] });
    expect(only(msgs, 'checkpointOpened')).toEqual([{ type: 'checkpointOpened', name: 'good.safetensors', step: 0 }]);
    expect(f.sessions.length).toBe(2);
    expect(f.sessions[1].model.config).toMatchObject({ nEmbd: g.nEmbd });
    expect(r.step).toBe(0);
    expect(await store.pointer()).toBeNull();
    // a later reset starts from the opened checkpoint again; a cleared one goes back to the config
    await r.handle({ type: 'reset', config: config(), examples: [] });
    expect((f.sessions[2].model.config as GPTConfig).nEmbd).toBe(8);
    expect(only(msgs, 'runCleared').length).toBe(1);
    await r.handle({ type: 'clearCheckpoint' });
    await r.handle({ type: 'reset', config: config(), examples: [] });
    expect((f.sessions[3].model.config as GPTConfig).nEmbd).toBe(16);
  });

  it('a checkpoint with a non-finite weight or a too-short context is refused, naming the file and tensor', async () => {
    const msgs: FromWorker[] = [];
    const r = new TrainingRunner(factory().make, null, (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    const g = { nLayer: 1, nHead: 2, nEmbd: 8, blockSize: 32, vocabSize: tok.vocabSize };
    const params = toParamMap(g, initParams(g, 5));
    params.get('transformer.h.0.mlp.c_fc.weight')!.data[3] = NaN;
    await r.handle({ type: 'openCheckpoint', files: [{ name: 'nan.safetensors', bytes: checkpointToBundle({ config: g, params, specialTokens: null }) }], config: config(), examples: [] });
    const short = { ...g, blockSize: 8 };
    const p2 = toParamMap(short, initParams(short, 5));
    await r.handle({ type: 'openCheckpoint', files: [{ name: 'short.safetensors', bytes: checkpointToBundle({ config: short, params: p2, specialTokens: null }) }], config: config(), examples: [] });
    const [a, b] = only(msgs, 'checkpointFailed');
    expect(a.reason).toMatch(/nan\.safetensors: tensor 'transformer\.h\.0\.mlp\.c_fc\.weight': 1 non-finite value of \d+ \(1 NaN; the first at index 3\)/);
    expect(b.reason).toMatch(/short\.safetensors: its context \(n_positions 8\) is shorter than/);
  });

  it('a bad checkpoint opened while training runs leaves the loop running', async () => {
    const msgs: FromWorker[] = [];
    const f = factory();
    const r = new TrainingRunner(f.make, null, (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    await r.handle({ type: 'start' });
    await until(() => r.step >= 1);
    await r.handle({ type: 'openCheckpoint', files: [{ name: 'x.bin', bytes: new Uint8Array([1, 2, 3]) }], config: config(), examples: [] });
    const at = r.step;
    await until(() => r.step > at);
    await r.handle({ type: 'pause' });
    expect(only(msgs, 'checkpointFailed').length).toBe(1);
    expect(f.sessions.length).toBe(1);
  });

  it('a single step from a paused run is saved once; the save_freq autosave is not repeated', async () => {
    const kv = new MemoryKv();
    const msgs: FromWorker[] = [];
    const r = new TrainingRunner(factory().make, new SaveStore(kv), (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    await r.handle({ type: 'step' });
    await r.handle({ type: 'step' });
    await r.handle({ type: 'step' });
    expect(only(msgs, 'saved').map((m) => m.step)).toEqual([1, 2, 3]);
    await r.handle({ type: 'pause' }); // nothing new to save
    expect(only(msgs, 'saved').length).toBe(3);
  });

  it('calibration tables: one without a usable row is refused; good rows are used and bad rows listed; the save restores it', async () => {
    const kv = new MemoryKv();
    const msgs: FromWorker[] = [];
    const r = new TrainingRunner(factory().make, new SaveStore(kv), (m) => msgs.push(m));
    await r.handle({ type: 'init', config: config(), examples: [] });
    expect(only(msgs, 'calibration').pop()!.info.source).toBe('none');
    await r.handle({ type: 'openCalibration', name: 'bad.csv', text: 'lang_a,lang_b,count,mean,std\nxx1,en,5,0.5,0.1\n' });
    const failed = only(msgs, 'calibrationFailed')[0];
    expect(failed.name).toBe('bad.csv');
    expect(failed.problems[0]).toMatchObject({ file: 'bad.csv', line: 2, field: 'lang_a' });
    expect(only(msgs, 'calibration').length).toBe(1);
    await r.handle({ type: 'openCalibration', name: 'good.csv', text: 'lang_a,lang_b,count,mean,std\nen,de,10,0.6,0.1\nen,fr,10,0.7,0.1\nen,es,ten,0.7,0.1\n' });
    const used = only(msgs, 'calibration').pop()!;
    expect(used.info).toEqual({ source: 'file', name: 'good.csv', mode: 'mean_shift', pairs: 2 });
    expect(used.problems).toEqual([expect.objectContaining({ file: 'good.csv', line: 4, field: 'count' })]);
    await r.handle({ type: 'step' }); // saved with the table

    const msgs2: FromWorker[] = [];
    const b = new TrainingRunner(factory().make, new SaveStore(kv), (m) => msgs2.push(m));
    await b.handle({ type: 'init', config: config(), examples: [] });
    await b.handle({ type: 'resume' });
    expect(only(msgs2, 'calibration').pop()!.info).toMatchObject({ source: 'file', name: 'good.csv' });
  });

  it('a run started from an opened checkpoint resumes after a reload on a model of that checkpoint', async () => {
    const kv = new MemoryKv();
    const r = new TrainingRunner(factory().make, new SaveStore(kv), () => {});
    await r.handle({ type: 'init', config: config(), examples: [] });
    await r.handle({ type: 'openCheckpoint', files: [{ name: 'good.safetensors', bytes: bundle().bytes }], config: config(), examples: [] });
    await r.handle({ type: 'step' });
    const msgs: FromWorker[] = [];
    const f = factory();
    const b = new TrainingRunner(f.make, new SaveStore(kv), (m) => msgs.push(m));
    await b.handle({ type: 'init', config: config(), examples: [] });
    await b.handle({ type: 'resume' });
    expect(only(msgs, 'resumed')[0]).toMatchObject({ step: 1, checkpoint: 'good.safetensors' });
    expect((f.sessions.pop()!.model.config as GPTConfig).nEmbd).toBe(8);
    expect(only(msgs, 'error')).toEqual([]);
  });
});
