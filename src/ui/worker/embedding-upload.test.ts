// The embedding model check on the tiny authored ONNX model (onnxruntime-web wasm in Node): a good
// model and tokenizer pass with their input/output names and embedding size; each bad input is
// refused naming the file to blame (model, tokenizer, or the two together) and the reason.
import { describe, expect, it } from 'vitest';
import { buildEmbeddingLookupModel, buildMaskOnlyModel, TINY_TABLE, TINY_TOKENIZER } from '../../lrpo/rewards/embedding-fixtures';
import { defaultRunConfig } from '../../lrpo/config';
import { EmbeddingRefused, checkEmbedding, loadConfiguredEmbedding, openEmbeddingUpload, rewardWithEmbedding, sha256Hex, type EmbeddingBlame } from './embedding-upload';

const MODEL = { name: 'tiny.onnx', bytes: buildEmbeddingLookupModel(TINY_TABLE) };
const TOKENIZER = { name: 'tokenizer.json', text: JSON.stringify(TINY_TOKENIZER, null, 2) };

async function refusal(p: Promise<unknown>): Promise<{ file?: string; line?: number; field?: string; reason: string; blame: EmbeddingBlame }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof EmbeddingRefused)) throw e;
    return { ...e.problem, blame: e.blame };
  }
  throw new Error('expected a refusal');
}

describe('embedding model check', () => {
  it('a good model and tokenizer pass, with what the page shows and the hash the autosave keeps', async () => {
    const opened = await openEmbeddingUpload({ model: MODEL, tokenizer: TOKENIZER });
    try {
      expect(opened.info).toEqual({
        source: 'file', model: 'tiny.onnx', tokenizer: 'tokenizer.json', modelBytes: MODEL.bytes.length,
        inputNames: ['input_ids', 'attention_mask'], outputName: 'last_hidden_state', dim: 3,
      });
      expect(opened.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      // the session that passed is the one the reward uses: [CLS] hello world [SEP] against itself
      expect(await opened.similarity.similarity('hello world', 'Hello  World')).toBeCloseTo(1, 6);
    } finally {
      await opened.similarity.dispose();
    }
  });

  it('refuses a model file that is empty, JSON, or not ONNX, naming the model file', async () => {
    expect(await refusal(checkEmbedding({ name: 'm.onnx', bytes: new Uint8Array() }, TOKENIZER, 'file'))).toEqual({ file: 'm.onnx', reason: 'the file is empty', blame: 'model' });
    const json = await refusal(checkEmbedding({ name: 'tokenizer-copy.onnx', bytes: new TextEncoder().encode(TOKENIZER.text) }, TOKENIZER, 'file'));
    expect(json).toMatchObject({ file: 'tokenizer-copy.onnx', blame: 'model', reason: expect.stringMatching(/JSON file, not an ONNX model/) });
    const junk = await refusal(checkEmbedding({ name: 'junk.onnx', bytes: Uint8Array.from([0xff, 0xfe, 0x00, 0x9c, 7, 7, 7]) }, TOKENIZER, 'file'));
    expect(junk).toMatchObject({ file: 'junk.onnx', blame: 'model', reason: expect.stringMatching(/^not an ONNX model: onnxruntime cannot read it/) });
  });

  it('refuses a model whose outputs are not float token embeddings', async () => {
    const r = await refusal(checkEmbedding({ name: 'mask.onnx', bytes: buildMaskOnlyModel() }, TOKENIZER, 'file'));
    expect(r).toMatchObject({ file: 'mask.onnx', blame: 'model', reason: expect.stringMatching(/output cannot be used as token embeddings: output mask_out is int64, expected float32/) });
  });

  it('refuses a tokenizer.json that is not JSON (with its line), not a tokenizer, or not buildable', async () => {
    const broken = '{\n  "version": "1.0",\n  "model": {,\n}';
    expect(await refusal(checkEmbedding(MODEL, { name: 'tok.json', text: broken }, 'file'))).toEqual({ file: 'tok.json', line: 3, reason: 'not valid JSON (a tokenizer.json is expected)', blame: 'tokenizer' });
    expect(await refusal(checkEmbedding(MODEL, { name: 'tok.json', text: '' }, 'file'))).toMatchObject({ file: 'tok.json', reason: 'the file is empty' });
    expect(await refusal(checkEmbedding(MODEL, { name: 'cfg.json', text: '{"hidden_size": 3}' }, 'file'))).toMatchObject({ file: 'cfg.json', reason: 'not a tokenizer.json: it has no "model" section', blame: 'tokenizer' });
    expect(await refusal(checkEmbedding(MODEL, { name: 'list.json', text: '[1, 2]' }, 'file'))).toMatchObject({ reason: 'not a tokenizer.json: expected a JSON object' });
    const foo = JSON.stringify({ ...TINY_TOKENIZER, model: { type: 'Foo' } });
    expect(await refusal(checkEmbedding(MODEL, { name: 'foo.json', text: foo }, 'file'))).toMatchObject({ file: 'foo.json', blame: 'tokenizer', reason: expect.stringMatching(/cannot be built from it \(Unknown TokenizerModel type: Foo\)/) });
    const noUnk = JSON.stringify({ ...TINY_TOKENIZER, model: { ...TINY_TOKENIZER.model, unk_token: 'ZZZ' } });
    expect(await refusal(checkEmbedding(MODEL, { name: 'nounk.json', text: noUnk }, 'file'))).toMatchObject({ file: 'nounk.json', reason: "token 'ZZZ' has no id (the vocabulary has no unknown-token fallback)" });
  });

  it('refuses a model and tokenizer that do not belong together, blaming both', async () => {
    // the model knows 5 tokens, the tokenizer gives ids up to 8 for the probe texts
    const small = { name: 'small.onnx', bytes: buildEmbeddingLookupModel(TINY_TABLE.slice(0, 5)) };
    const r = await refusal(checkEmbedding(small, TOKENIZER, 'file'));
    expect(r).toMatchObject({ file: 'small.onnx + tokenizer.json', blame: 'both' });
    expect(r.reason).toMatch(/^the model failed on the token ids of tokenizer\.json \(largest id \d+\): do the model and the tokenizer belong together\? \(.*out of data bounds/);
    const zeros = { name: 'zeros.onnx', bytes: buildEmbeddingLookupModel(TINY_TABLE.map((row) => row.map(() => 0))) };
    expect(await refusal(checkEmbedding(zeros, TOKENIZER, 'file'))).toMatchObject({ file: 'zeros.onnx + tokenizer.json', blame: 'both', reason: expect.stringMatching(/all-zero embedding/) });
  });

  it('the configured URLs: loaded through io and checked; a missing file or setting is named', async () => {
    const reward = { ...defaultRunConfig().reward, similarity: 'embedding' as const, embedding_model_url: 'models/emb/model.onnx', embedding_tokenizer_url: 'models/emb/tokenizer.json' };
    const files = new Map<string, string | Uint8Array>([[reward.embedding_model_url, MODEL.bytes], [reward.embedding_tokenizer_url, TOKENIZER.text]]);
    const io = {
      readBytes: async (p: string) => {
        const v = files.get(p);
        if (!(v instanceof Uint8Array)) throw new Error(`${p}: HTTP 404 Not Found`);
        return v;
      },
      readText: async (p: string) => {
        const v = files.get(p);
        if (typeof v !== 'string') throw new Error(`${p}: HTTP 404 Not Found`);
        return v;
      },
    };
    const c = await loadConfiguredEmbedding(reward, io);
    expect(c.info).toMatchObject({ source: 'config', model: 'models/emb/model.onnx', tokenizer: 'models/emb/tokenizer.json', dim: 3 });
    await c.similarity.dispose();
    files.delete(reward.embedding_tokenizer_url);
    expect(await refusal(loadConfiguredEmbedding(reward, io))).toMatchObject({ file: 'models/emb/tokenizer.json', blame: 'tokenizer', reason: expect.stringMatching(/could not be read .*HTTP 404/) });
    expect(await refusal(loadConfiguredEmbedding({ ...reward, embedding_model_url: '' }, io))).toMatchObject({ field: 'reward.embedding_model_url', blame: 'model' });
    expect(rewardWithEmbedding(defaultRunConfig().reward, null).similarity).toBe('match');
    expect(rewardWithEmbedding(defaultRunConfig().reward, c).similarity).toBe('embedding');
  });
});
