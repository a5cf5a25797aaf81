// Opening an embedding model in the training worker, end to end on real sessions (CPU policy, real
// reward: fastText LID and the tiny authored ONNX model on onnxruntime-web wasm): a refused model
// changes nothing, an accepted one is the similarity of the next step (checked against cosines of
// hand-pooled table rows), the autosave keeps its bytes once and a reload resumes with it, and a save
// whose model bytes are gone asks for the files and resumes once they are opened again.
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '@huggingface/tokenizers';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { buildEmbeddingLookupModel, TINY_TABLE, TINY_TOKENIZER } from '../../lrpo/rewards/embedding-fixtures';
import { chrFSimilarity } from '../../lrpo/rewards/chrf';
import type { Example } from '../../data/example';
import type { FromWorker, StepReport } from './protocol';
import { TrainingRunner } from './runner';
import { createSession } from './session-factory';
import { MemoryKv, SaveStore } from './save-store';
import type { StudioFile } from './studio-save';

const MODEL = () => ({ name: 'tiny.onnx', bytes: buildEmbeddingLookupModel(TINY_TABLE) });
const TOKENIZER = { name: 'tokenizer.json', text: JSON.stringify(TINY_TOKENIZER) };

const ex = (i: number, answer: string, language: string): Example => ({
  index: i, dataSource: 'test', question: `q${i}?`, answer, topic: 'General Knowledge', language, regions: [],
  references: { [language]: answer }, prompt: [{ role: 'user', content: `q${i}?` }],
});
const EXAMPLES = [ex(0, 'hello world', 'en'), ex(1, 'bonjour monde', 'fr')];

function config(): RunConfig {
  const c = defaultRunConfig();
  c.backend = 'cpu';
  c.model = { ...c.model, checkpoint: '', n_layer: 1, n_head: 2, n_embd: 16, block_size: 64 };
  c.data.train_batch_size = 2;
  c.actor.ppo_mini_batch_size = 2;
  c.actor.rollout_n = 4;
  c.data.max_prompt_length = 32;
  c.data.max_response_length = 6;
  c.trainer.save_freq = 1;
  return c;
}

/** the tiny model's similarity by hand: token ids from tokenizer.json, mean of table rows, L2, dot */
const tok = new Tokenizer(TINY_TOKENIZER as unknown as Record<string, unknown>, {});
function handEmbedding(text: string): number[] {
  const ids = tok.encode(text).ids as number[];
  const mean = [0, 1, 2].map((d) => ids.reduce((s, id) => s + TINY_TABLE[id][d], 0) / ids.length);
  const n = Math.hypot(...mean);
  return mean.map((x) => x / n);
}
const handSimilarity = (a: string, b: string) => {
  const [x, y] = [handEmbedding(a), handEmbedding(b)];
  return Math.min(1, Math.max(-1, x[0] * y[0] + x[1] * y[1] + x[2] * y[2]));
};
const answerOf = (question: string) => EXAMPLES.find((e) => e.question === question)!.answer;

/** A store that counts blob writes and can refuse them (a full disk). */
class CountingKv extends MemoryKv {
  blobPuts = 0;
  refuseBlobs = false;
  override async put(key: string, value: unknown) {
    if (key.startsWith('blob/')) {
      if (this.refuseBlobs) throw new Error('QuotaExceededError (simulated)');
      this.blobPuts++;
    }
    return super.put(key, value);
  }
}

function runner(kv: MemoryKv) {
  const msgs: FromWorker[] = [];
  const r = new TrainingRunner((c, examples, inputs) => createSession(c, { examples, ...inputs, baseUrl: 'http://studio.test/' }), new SaveStore(kv), (m) => msgs.push(m));
  const of = <T extends FromWorker['type']>(type: T) => msgs.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  const lastReport = (): StepReport => of('reports').at(-1)!.reports.at(-1)!;
  return { r, msgs, of, lastReport };
}

const init = async (x: ReturnType<typeof runner>) => x.r.handle({ type: 'init', config: config(), examples: EXAMPLES });

describe('embedding models opened in the training worker', () => {
  it('refused files change nothing; an accepted model scores the next step; the save keeps it once; a reload resumes with it', async () => {
    const kv = new CountingKv();
    const a = runner(kv);
    await init(a);
    expect(a.of('similarity').at(-1)!.inUse).toEqual({ backend: 'match' });
    await a.r.handle({ type: 'step' });

    await a.r.handle({ type: 'openEmbedding', model: { name: 'junk.onnx', bytes: Uint8Array.from([9, 9, 9, 9]) }, tokenizer: TOKENIZER });
    expect(a.of('embeddingFailed')[0]).toMatchObject({ blame: 'model', problem: { file: 'junk.onnx', reason: expect.stringMatching(/^not an ONNX model/) } });
    await a.r.handle({ type: 'openEmbedding', model: MODEL(), tokenizer: { name: 'broken.json', text: '{"model": ' } });
    expect(a.of('embeddingFailed')[1]).toMatchObject({ blame: 'tokenizer', problem: { file: 'broken.json', line: 1 } });
    expect(a.of('similarity').length).toBe(1);
    await a.r.handle({ type: 'step' });
    for (const row of a.lastReport().rollouts) expect(row.similarity).toBe(chrFSimilarity(row.response, answerOf(row.question))); // still chrF

    await a.r.handle({ type: 'openEmbedding', model: MODEL(), tokenizer: TOKENIZER });
    const inUse = a.of('similarity').at(-1)!.inUse;
    expect(inUse).toMatchObject({ backend: 'embedding', embedding: { source: 'file', model: 'tiny.onnx', tokenizer: 'tokenizer.json', dim: 3, outputName: 'last_hidden_state' } });
    await a.r.handle({ type: 'step' });
    await a.r.handle({ type: 'step' });
    const rows = a.lastReport().rollouts;
    expect(rows.length).toBe(8);
    for (const row of rows) expect(row.similarity).toBeCloseTo(handSimilarity(row.response, answerOf(row.question)), 5);
    expect(rows.some((row) => Math.abs(row.similarity - chrFSimilarity(row.response, answerOf(row.question))) > 1e-3)).toBe(true);
    expect(kv.blobPuts).toBe(1); // two saves with the model, its bytes written once
    expect(a.of('error')).toEqual([]);

    // a reload: a new worker resumes with the model from the store
    const b = runner(kv);
    await init(b);
    expect(b.of('similarity').at(-1)!.inUse).toEqual({ backend: 'match' });
    await b.r.handle({ type: 'resume' });
    expect(b.of('resumed')[0].step).toBe(4);
    expect(b.of('similarity').at(-1)!.inUse).toEqual(inUse);
    await b.r.handle({ type: 'step' });
    for (const row of b.lastReport().rollouts) expect(row.similarity).toBeCloseTo(handSimilarity(row.response, answerOf(row.question)), 5);

    // back to reward.similarity ("match"); the next save no longer names the model and drops its bytes
    await b.r.handle({ type: 'clearEmbedding' });
    expect(b.of('similarity').at(-1)!.inUse).toEqual({ backend: 'match' });
    await b.r.handle({ type: 'step' });
    await b.r.handle({ type: 'step' });
    expect([...kv.map.keys()].filter((k) => k.startsWith('blob/'))).toEqual([]);
  }, 120_000);

  it('a save whose model bytes are gone asks for the files; once they are opened again the resume works', async () => {
    const kv = new CountingKv();
    const a = runner(kv);
    await init(a);
    kv.refuseBlobs = true;
    await a.r.handle({ type: 'openEmbedding', model: MODEL(), tokenizer: TOKENIZER });
    await a.r.handle({ type: 'step' });
    await a.r.handle({ type: 'step' });
    // told once, and the run is saved without the bytes
    expect(a.of('error').map((m) => m.message)).toEqual([expect.stringMatching(/^the embedding model tiny\.onnx \(\d+ bytes\) could not be kept in browser storage \(QuotaExceededError/)]);
    expect(a.of('saved').length).toBe(2);
    const loaded = await new SaveStore(kv).load();
    expect((loaded!.files['studio.json'] as StudioFile).embedding).toMatchObject({ model: 'tiny.onnx', tokenizer: 'tokenizer.json', blob: null });

    const b = runner(kv);
    await init(b);
    await b.r.handle({ type: 'resume' });
    expect(b.of('resumed')).toEqual([]);
    expect(b.of('error').at(-1)!.message).toBe(
      "the saved run's reward used the embedding model tiny.onnx with tokenizer.json, which could not be kept in browser storage (storage full?): "
      + 'open both files with "Open embedding model…" in the Reward settings, then resume again',
    );
    expect(b.r.step).toBe(0);
    // the same bytes under another file name count as the same model
    await b.r.handle({ type: 'openEmbedding', model: { ...MODEL(), name: 'renamed.onnx' }, tokenizer: TOKENIZER });
    await b.r.handle({ type: 'resume' });
    expect(b.of('resumed')[0].step).toBe(2);
    expect(b.of('similarity').at(-1)!.inUse).toMatchObject({ backend: 'embedding', embedding: { model: 'renamed.onnx' } });
  }, 120_000);
});

