// The worker's answer generation for the Evaluate view, on a tiny CPU model (1 layer, 16 wide) with
// the real byte tokenizer: prompts in the question's language (tag or system mode), questions
// without a tag skipped and listed, progress, cancel, refusal while training runs, and a training
// run that is not disturbed by generating between its steps.
// Test fixtures authored here: five questions, a scorer whose reward is the fraction of ASCII letters.
import { describe, expect, it } from 'vitest';
import { CpuModel } from '../../engine/gpt/cpu-model';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { buildPrompt } from '../../lrpo/planner';
import { Run } from '../../lrpo/run/run';
import type { RolloutScorer } from '../../lrpo/trainer';
import type { Example } from '../../data/example';
import { generateAnswers, generationRefusal } from './generate-answers';
import type { FromWorker, GenerateRequest } from './protocol';
import { TrainingRunner, type RunSession } from './runner';

const LANGS = ['en', 'es', 'zh'];
const tok = ByteTokenizer.forLanguages(LANGS);
const QUESTIONS = [
  { id: 'q1', question: '¿Capital de España?', language: 'es' },
  { id: 'q2', question: 'रंगों का त्योहार?', language: 'hi' },
  { id: 'q3', question: '中国的首都?', language: 'zh' },
  { id: 'q4', question: 'Capital of Peru?', language: 'en' },
  { id: 'q5', question: 'ताजमहल?', language: 'hi' },
];

function config(mode: 'tag' | 'system' = 'tag'): RunConfig {
  const c = defaultRunConfig();
  c.backend = 'cpu';
  c.model = { ...c.model, checkpoint: '', n_layer: 1, n_head: 2, n_embd: 16, block_size: 96 };
  c.router.languages = LANGS;
  c.data.instruction_mode = mode;
  c.data.train_batch_size = 2;
  c.actor.ppo_mini_batch_size = 2;
  c.actor.rollout_n = 2;
  c.router.lang_policy_orig_lang_min = 1;
  c.data.max_prompt_length = 32;
  c.data.max_response_length = 4;
  c.trainer.save_freq = 0;
  c.trainer.total_training_steps = 1000;
  return c;
}
const gpt = (c: RunConfig) => ({ nLayer: 1, nHead: 2, nEmbd: 16, blockSize: c.model.block_size, vocabSize: tok.vocabSize });
const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({ id: 1, questions: QUESTIONS, maxNewTokens: 5, decoding: 'greedy', batchSize: 2, ...over });

/** Independent greedy decode: argmax of forwardLogits at the last position, one token at a time. */
async function greedy(model: CpuModel, prompt: number[], maxNew: number): Promise<string> {
  const seq = [...prompt];
  const out: number[] = [];
  for (let s = 0; s < maxNew; s++) {
    const V = tok.vocabSize;
    const logits = await model.forwardLogits(Int32Array.from(seq), 1, seq.length);
    const last = logits.subarray((seq.length - 1) * V, seq.length * V);
    let best = 0;
    for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
    if (best === tok.eosId) break;
    out.push(best);
    seq.push(best);
  }
  return tok.decode(out, { skipSpecials: true });
}

describe('generateAnswers', () => {
  it('tag mode: answers tagged questions in their language (matches an independent greedy decode), skips and lists the rest', async () => {
    const c = config('tag');
    const model = new CpuModel(gpt(c), undefined, 11);
    const progress: [number, number][] = [];
    const res = await generateAnswers({ model, tokenizer: tok, config: c, step: 7, backend: 'cpu' }, request(), new AbortController().signal, (d, t) => progress.push([d, t]));
    expect(res.skipped).toEqual([{ id: 'q2', language: 'hi' }, { id: 'q5', language: 'hi' }]);
    expect(res.predictions.map((p) => p.id)).toEqual(['q1', 'q3', 'q4']);
    expect(progress).toEqual([[0, 3], [2, 3], [3, 3]]);
    expect(res.cancelled).toBe(false);
    expect(res.model).toEqual({ step: 7, backend: 'cpu', mode: 'tag', decoding: 'greedy', maxNewTokens: 5 });
    for (const p of res.predictions) {
      const q = QUESTIONS.find((x) => x.id === p.id)!;
      const prompt = [tok.bosId, ...tok.encode(q.question), ...tok.encode('\n'), tok.langTokenId(q.language)];
      expect(p.prediction).toBe(await greedy(model, prompt, 5));
    }
  });

  it('system mode: every language gets an instruction written in it, so nothing is skipped', async () => {
    const c = config('system');
    const model = new CpuModel(gpt(c), undefined, 12);
    const res = await generateAnswers({ model, tokenizer: tok, config: c, step: 0, backend: 'cpu' }, request({ maxNewTokens: 3 }), new AbortController().signal, () => {});
    expect(res.skipped).toEqual([]);
    expect(res.predictions.map((p) => p.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    const q2 = QUESTIONS[1];
    expect(res.predictions[1].prediction).toBe(await greedy(model, buildPrompt(tok, q2.question, 'hi', 'system', 96 - 3), 3));
  });

  it("'run' decoding samples with the run's settings and seed (reproducible) and says so", async () => {
    const c = config('tag');
    c.actor.rollout_temperature = 1.5;
    c.seed = 3;
    const model = new CpuModel(gpt(c), undefined, 13);
    const src = { model, tokenizer: tok, config: c, step: 0, backend: 'cpu' as const };
    const a = await generateAnswers(src, request({ decoding: 'run', maxNewTokens: 8 }), new AbortController().signal, () => {});
    const b = await generateAnswers(src, request({ decoding: 'run', maxNewTokens: 8 }), new AbortController().signal, () => {});
    const g = await generateAnswers(src, request({ maxNewTokens: 8 }), new AbortController().signal, () => {});
    expect(a.predictions).toEqual(b.predictions);
    expect(a.predictions.map((p) => p.prediction)).not.toEqual(g.predictions.map((p) => p.prediction));
    expect(a.model.decoding).toBe('sampled (temperature 1.5, top-k off, top-p 1, seed 3)');
  });

  it('rejects a bad request with the reason', async () => {
    const c = config();
    const src = { model: new CpuModel(gpt(c), undefined, 1), tokenizer: tok, config: c, step: 0, backend: 'cpu' as const };
    const sig = new AbortController().signal;
    await expect(generateAnswers(src, request({ maxNewTokens: 0 }), sig, () => {})).rejects.toThrow('max new tokens must be a whole number >= 1, got 0');
    await expect(generateAnswers(src, request({ questions: [] }), sig, () => {})).rejects.toThrow('there are no questions to answer');
  });

  it('refuses while training runs, while recovering, during another generation, and without a run', () => {
    const base = { hasSession: true, running: false, recovering: false, generating: false };
    expect(generationRefusal(base)).toBeNull();
    expect(generationRefusal({ ...base, running: true })).toMatch(/^training is running: pause it/);
    expect(generationRefusal({ ...base, recovering: true })).toMatch(/recovering/);
    expect(generationRefusal({ ...base, generating: true })).toMatch(/already in progress/);
    expect(generationRefusal({ ...base, hasSession: false })).toMatch(/no run is loaded/);
  });
});

const ex = (i: number, language: string): Example => ({
  index: i, dataSource: 'test', question: `q${i}?`, answer: `a${i}`, topic: 'General Knowledge', language, regions: [],
  references: { [language]: `a${i}` }, prompt: [{ role: 'user', content: `q${i}?` }],
});
const EXAMPLES = [ex(0, 'en'), ex(1, 'es'), ex(2, 'zh'), ex(3, 'en')];
const score: RolloutScorer = async (items) =>
  items.map((it) => {
    const r = it.response.length ? [...it.response].filter((ch) => /[A-Za-z]/.test(ch)).length / it.response.length : 0;
    return { detectedLang: it.targetLang, similarity: 2 * r - 1, calibrated: 2 * r - 1, reward: r };
  });
async function session(c: RunConfig): Promise<RunSession> {
  const run = await Run.create({ config: c, policy: { kind: 'init' }, backend: 'cpu', train: EXAMPLES, val: [], score, similarity: 'match' });
  return {
    run, model: run.model, examples: EXAMPLES, tokenizer: run.policy.tokenizer,
    device: { backend: 'cpu', adapterName: 'CPU reference', isFallbackAdapter: false },
    lost: new Promise<string>(() => {}), loseDevice: () => {},
    calibration: { info: { source: 'none', name: '', mode: 'none', pairs: 0 }, problems: [] },
    setCalibration: async () => {
      throw new Error('calibration is not part of these tests');
    },
    similarity: { backend: 'match' },
    setEmbedding: async () => {
      throw new Error('embedding models are not part of these tests');
    },
    scoringIdle: async () => {},
    exportCheckpoint: async () => ({ filename: 'x', bytes: new Uint8Array() }),
    dispose: () => {},
  };
}
const cfg = () => {
  const c = config();
  c.actor.use_kl_loss = false;
  return c;
};
const of = <T extends FromWorker['type']>(msgs: FromWorker[], t: T) => msgs.filter((m): m is Extract<FromWorker, { type: T }> => m.type === t);

describe('TrainingRunner generate', () => {
  it('generates between steps without changing what training does next', async () => {
    const withGen: FromWorker[] = [];
    const plain: FromWorker[] = [];
    const a = new TrainingRunner(session, null, (m) => withGen.push(m));
    const b = new TrainingRunner(session, null, (m) => plain.push(m));
    for (const [r] of [[a], [b]] as const) {
      await r.handle({ type: 'init', config: cfg(), examples: [] });
      await r.handle({ type: 'step' });
    }
    await a.handle({ type: 'generate', ...request({ id: 5 }) });
    const done = of(withGen, 'generated');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ id: 5, cancelled: false, skipped: [{ id: 'q2' }, { id: 'q5' }], model: { step: 1 } });
    expect(done[0].predictions).toHaveLength(3);
    expect(of(withGen, 'generateProgress').at(-1)).toEqual({ type: 'generateProgress', id: 5, done: 3, total: 3 });
    await a.handle({ type: 'step' });
    await b.handle({ type: 'step' });
    const last = (ms: FromWorker[]) => of(ms, 'reports').at(-1)!.reports[0];
    expect(last(withGen).step).toBe(2);
    expect(last(withGen).rollouts).toEqual(last(plain).rollouts);
    expect(last(withGen).metrics['actor/pg_loss']).toBe(last(plain).metrics['actor/pg_loss']);
    expect(of(withGen, 'error')).toEqual([]);
  });

  it('refuses while the training loop runs, with a clear message, and keeps training', async () => {
    const msgs: FromWorker[] = [];
    const r = new TrainingRunner(session, null, (m) => msgs.push(m));
    await r.handle({ type: 'init', config: cfg(), examples: [] });
    await r.handle({ type: 'start' });
    await r.handle({ type: 'generate', ...request({ id: 9 }) });
    await r.handle({ type: 'pause' });
    expect(of(msgs, 'generated')).toEqual([]);
    expect(of(msgs, 'generateFailed')).toEqual([{ type: 'generateFailed', id: 9, message: expect.stringMatching(/^training is running: pause it in the Train view/) }]);
    expect(of(msgs, 'error')).toEqual([]);
  });

  it('cancel stops between batches and returns the finished batches', async () => {
    const msgs: FromWorker[] = [];
    let r!: TrainingRunner;
    r = new TrainingRunner(session, null, (m) => {
      msgs.push(m);
      if (m.type === 'generateProgress' && m.done === 1) void r.handle({ type: 'cancelGenerate', id: 4 });
    });
    await r.handle({ type: 'init', config: cfg(), examples: [] });
    await r.handle({ type: 'generate', ...request({ id: 4, batchSize: 1 }) });
    const [res] = of(msgs, 'generated');
    expect(res.cancelled).toBe(true);
    expect(res.predictions.map((p) => p.id)).toEqual(['q1']);
  });
});
