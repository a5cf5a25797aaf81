import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddingSimilarity, type EmbeddingSimilarity } from './embedding';
import { buildEmbeddingLookupModel, TINY_TABLE, TINY_TOKENIZER } from './embedding-fixtures';

function handEmbedding(ids: number[]): number[] {
  const mean = [0, 1, 2].map((d) => ids.reduce((s, id) => s + TINY_TABLE[id][d], 0) / ids.length);
  const norm = Math.hypot(...mean);
  return mean.map((x) => x / norm);
}
const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('embedding similarity (onnxruntime-web wasm, tiny ONNX model built in the test)', () => {
  let emb: EmbeddingSimilarity;
  beforeAll(async () => {
    emb = await createEmbeddingSimilarity({ modelUrlOrBytes: buildEmbeddingLookupModel(TINY_TABLE), tokenizerJson: JSON.stringify(TINY_TOKENIZER), provider: 'wasm' });
  });
  afterAll(async () => emb?.dispose());

  it('reads the model inputs and picks last_hidden_state', () => {
    expect([...emb.inputNames]).toEqual(['input_ids', 'attention_mask']);
    expect(emb.outputName).toBe('last_hidden_state');
  });

  it('equals the cosine of hand-computed mean-pooled, L2-normalized embeddings (texts of different lengths)', async () => {
    // "Hello world" -> [CLS] hello world [SEP] = 2 4 5 3; "Bonjour le monde" -> [CLS] bon ##jour [UNK] monde [SEP] = 2 6 7 1 8 3
    const a = handEmbedding([2, 4, 5, 3]);
    const b = handEmbedding([2, 6, 7, 1, 8, 3]);
    expect(await emb.similarity('Hello world', 'Bonjour le monde')).toBeCloseTo(cos(a, b), 6);
    const c = handEmbedding([2, 9, 10, 3]);
    expect(await emb.similarity('东京', 'hello world')).toBeCloseTo(cos(c, a), 6);
    const [ea] = await emb.embed(['Hello world']);
    expect(Array.from(ea)).toEqual(a.map((x) => expect.closeTo(x, 6)));
  });

  it('is 1 for the same text and symmetric', async () => {
    expect(await emb.similarity('bonjour monde', 'bonjour monde')).toBeCloseTo(1, 6);
    const x = await emb.similarity('hello', 'monde');
    expect(await emb.similarity('monde', 'hello')).toBeCloseTo(x, 7);
  });

  it('truncates to maxTokens keeping the last token', async () => {
    const short = await createEmbeddingSimilarity({ modelUrlOrBytes: buildEmbeddingLookupModel(TINY_TABLE), tokenizerJson: TINY_TOKENIZER, maxTokens: 3, cacheSize: 1 });
    // "hello world monde" -> 2 4 5 8 3 -> kept: 2 4 3
    const [e] = await short.embed(['hello world monde']);
    expect(Array.from(e)).toEqual(handEmbedding([2, 4, 3]).map((x) => expect.closeTo(x, 6)));
    await short.dispose();
  });

  it('gives clear errors for a bad tokenizer.json or a model that cannot be read', async () => {
    await expect(createEmbeddingSimilarity({ modelUrlOrBytes: buildEmbeddingLookupModel(TINY_TABLE), tokenizerJson: { version: '1.0' } })).rejects.toThrow(/tokenizer.json/);
    await expect(createEmbeddingSimilarity({ modelUrlOrBytes: new Uint8Array([1, 2, 3]), tokenizerJson: TINY_TOKENIZER })).rejects.toThrow();
  });
});
