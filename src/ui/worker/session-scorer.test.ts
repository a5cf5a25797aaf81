// The session's swappable reward scorer with the real reward (fastText LID, chrF, calibration) and
// the tiny authored embedding model (onnxruntime-web wasm in Node): an opened model becomes the
// similarity from the next scoring (values checked against hand-computed mean-pooled cosines), a
// calibration swap keeps it, clearing returns to reward.similarity, and a swap that cannot be built
// keeps the backend in use.
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRunConfig, type RewardConfig } from '../../lrpo/config';
import { chrFSimilarity } from '../../lrpo/rewards/chrf';
import { buildEmbeddingLookupModel, TINY_TABLE, TINY_TOKENIZER } from '../../lrpo/rewards/embedding-fixtures';
import type { Example } from '../../data/example';
import type { RolloutForReward } from '../../lrpo/trainer';
import { SwappableScorer } from './session-scorer';
import { openEmbeddingUpload, type OpenedEmbedding } from './embedding-upload';

/** mean of the table rows of `ids`, L2-normalized (the tiny model's embedding, by hand) */
function hand(ids: number[]): number[] {
  const mean = [0, 1, 2].map((d) => ids.reduce((s, id) => s + TINY_TABLE[id][d], 0) / ids.length);
  const n = Math.hypot(...mean);
  return mean.map((x) => x / n);
}
const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

const example = (answer: string, language: string): Example => ({
  index: 0, dataSource: 'test', question: 'q?', answer, topic: 'General Knowledge', language, regions: [],
  references: { [language]: answer }, prompt: [{ role: 'user', content: 'q?' }],
});
// [CLS]=2 hello=4 world=5 bon=6 ##jour=7 monde=8 [SEP]=3
const ITEMS: RolloutForReward[] = [
  { response: 'hello world', targetLang: 'en', example: example('bonjour monde', 'fr') },
  { response: 'Bonjour monde', targetLang: 'fr', example: example('hello', 'en') },
];
const HAND = [cos(hand([2, 4, 5, 3]), hand([2, 6, 7, 8, 3])), cos(hand([2, 6, 7, 8, 3]), hand([2, 4, 3]))];

const noFiles = {
  readText: async (p: string): Promise<string> => {
    throw new Error(`${p}: HTTP 404 Not Found`);
  },
  readBytes: async (p: string): Promise<Uint8Array> => {
    throw new Error(`${p}: HTTP 404 Not Found`);
  },
};
const tiny = () => openEmbeddingUpload({ model: { name: 'tiny.onnx', bytes: buildEmbeddingLookupModel(TINY_TABLE) }, tokenizer: { name: 'tokenizer.json', text: JSON.stringify(TINY_TOKENIZER) } });

describe('SwappableScorer with an embedding model', () => {
  const opened: OpenedEmbedding[] = [];
  afterAll(async () => {
    for (const o of opened) await o.similarity.dispose();
  });

  it('match, then the opened model from the next scoring, kept across a calibration swap, then match again', async () => {
    const reward = defaultRunConfig().reward;
    const s = await SwappableScorer.create(reward, null, noFiles);
    expect(s.similarity).toEqual({ backend: 'match' });
    const chrf = (await s.score(ITEMS)).map((r) => r.similarity);
    expect(chrf).toEqual(ITEMS.map((it) => chrFSimilarity(it.response, it.example.answer)));

    const emb = await tiny();
    opened.push(emb);
    const inUse = await s.setEmbedding(emb);
    expect(inUse).toEqual({ backend: 'embedding', embedding: emb.info });
    const withEmb = await s.score(ITEMS);
    withEmb.forEach((r, i) => expect(r.similarity).toBeCloseTo(HAND[i], 6));
    expect(withEmb[0].similarity).not.toBeCloseTo(chrf[0], 2);
    await s.idle();

    // a calibration table swap rebuilds the scorer with the same model
    const csv = 'lang_a,lang_b,count,mean,std\nen,fr,10,0.5,0.1\nen,en,10,0.2,0.1\nfr,en,10,0.5,0.1\n';
    await s.swap({ name: 'cal.csv', text: csv });
    expect(s.similarity).toEqual({ backend: 'embedding', embedding: emb.info });
    const cal = await s.score(ITEMS);
    cal.forEach((r, i) => {
      expect(r.similarity).toBeCloseTo(HAND[i], 6);
      expect(r.calibrated).not.toBeCloseTo(r.similarity, 3);
    });

    expect(await s.setEmbedding(null)).toEqual({ backend: 'match' });
    expect((await s.score(ITEMS)).map((r) => r.similarity)).toEqual(chrf);
    await s.dispose();
  });

  it('reward.similarity "embedding": the configured model is loaded; clearing an opened model that cannot fall back keeps it', async () => {
    const reward: RewardConfig = { ...defaultRunConfig().reward, similarity: 'embedding', embedding_model_url: 'm.onnx', embedding_tokenizer_url: 't.json' };
    await expect(SwappableScorer.create(reward, null, noFiles)).rejects.toThrow(/^m\.onnx: could not be read \(m\.onnx: HTTP 404/);
    const served = {
      readBytes: async (p: string) => (p === 'm.onnx' ? buildEmbeddingLookupModel(TINY_TABLE) : noFiles.readBytes(p)),
      readText: async (p: string) => (p === 't.json' ? JSON.stringify(TINY_TOKENIZER) : noFiles.readText(p)),
    };
    const s = await SwappableScorer.create(reward, null, served);
    expect(s.similarity).toMatchObject({ backend: 'embedding', embedding: { source: 'config', model: 'm.onnx', tokenizer: 't.json', dim: 3 } });
    (await s.score(ITEMS)).forEach((r, i) => expect(r.similarity).toBeCloseTo(HAND[i], 6));
    await s.dispose();

    // an opened model in place of configured URLs that are gone: clearing it cannot build, so it stays
    const emb = await tiny();
    opened.push(emb);
    const t = await SwappableScorer.create(reward, null, noFiles, emb);
    expect(t.similarity).toEqual({ backend: 'embedding', embedding: emb.info });
    await expect(t.setEmbedding(null)).rejects.toThrow(/m\.onnx: could not be read/);
    expect(t.similarity).toEqual({ backend: 'embedding', embedding: emb.info });
    (await t.score(ITEMS)).forEach((r, i) => expect(r.similarity).toBeCloseTo(HAND[i], 6));
    await t.dispose();
  });
});
