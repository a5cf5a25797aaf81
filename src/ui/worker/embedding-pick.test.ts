// Sorting the files chosen for an embedding model into the model and its tokenizer.json, holding one
// until the other comes, what stays chosen after a refusal, and the labels.
import { describe, expect, it } from 'vitest';
import { NO_FILES, addEmbeddingFiles, embeddingFileKind, heldLabel, keptAfterRefusal, similarityLabel } from './embedding-pick';

const enc = (s: string) => new TextEncoder().encode(s);
const f = (name: string) => ({ name });
const kinded = (name: string, head = '') => ({ file: f(name), kind: embeddingFileKind(name, enc(head)) });

describe('choosing an embedding model', () => {
  it('tells the model from the tokenizer by name, else by content', () => {
    expect(embeddingFileKind('model.onnx', enc(''))).toBe('model');
    expect(embeddingFileKind('Model.ORT', enc(''))).toBe('model');
    expect(embeddingFileKind('tokenizer.json', enc(''))).toBe('tokenizer');
    expect(embeddingFileKind('tok', enc('\uFEFF \n {"model"'))).toBe('tokenizer');
    expect(embeddingFileKind('weights', Uint8Array.from([8, 7, 18]))).toBe('model');
    expect(embeddingFileKind('model.onnx_data', enc(''))).toMatchObject({ file: 'model.onnx_data', reason: expect.stringMatching(/external weights/) });
  });

  it('pairs files chosen together or one after the other; the later choice of a role replaces the earlier', () => {
    const both = addEmbeddingFiles(NO_FILES, [kinded('tokenizer.json'), kinded('m.onnx')]);
    expect(both).toEqual({ pair: { model: f('m.onnx'), tokenizer: f('tokenizer.json') } });
    const first = addEmbeddingFiles(NO_FILES, [kinded('a.onnx')]);
    expect(first).toEqual({ pair: { model: f('a.onnx'), tokenizer: null } });
    const again = addEmbeddingFiles((first as { pair: never }).pair, [kinded('b.onnx')]);
    expect(again).toEqual({ pair: { model: f('b.onnx'), tokenizer: null } });
    const done = addEmbeddingFiles((again as { pair: never }).pair, [kinded('t', '{}')]);
    expect(done).toEqual({ pair: { model: f('b.onnx'), tokenizer: f('t') } });
  });

  it('refuses two files of one role, more than two files, and external weights, naming them', () => {
    expect(addEmbeddingFiles(NO_FILES, [kinded('a.onnx'), kinded('b.onnx')])).toEqual({ problem: { file: 'a.onnx, b.onnx', reason: 'both look like an ONNX model: choose one .onnx model and its tokenizer.json' } });
    expect(addEmbeddingFiles(NO_FILES, [kinded('a.onnx'), kinded('b.json'), kinded('c.json')])).toMatchObject({ problem: { file: 'a.onnx, b.json, c.json', reason: expect.stringMatching(/^3 files were chosen/) } });
    expect(addEmbeddingFiles(NO_FILES, [kinded('m.onnx'), kinded('m.onnx.data')])).toMatchObject({ problem: { file: 'm.onnx.data' } });
  });

  it('after a refusal the file not to blame stays chosen', () => {
    const pair = { model: f('m.onnx'), tokenizer: f('t.json') };
    expect(keptAfterRefusal(pair, 'model')).toEqual({ model: null, tokenizer: f('t.json') });
    expect(keptAfterRefusal(pair, 'tokenizer')).toEqual({ model: f('m.onnx'), tokenizer: null });
    expect(keptAfterRefusal(pair, 'both')).toEqual(NO_FILES);
    expect(heldLabel({ model: f('m.onnx'), tokenizer: null })).toBe('m.onnx is chosen: now choose its tokenizer.json');
    expect(heldLabel({ model: null, tokenizer: f('t.json') })).toBe("t.json is chosen: now choose the model's .onnx file");
    expect(heldLabel(pair)).toBeNull();
    expect(heldLabel(NO_FILES)).toBeNull();
  });

  it('labels the similarity in use', () => {
    expect(similarityLabel(null)).toBe('–');
    expect(similarityLabel({ backend: 'match' })).toBe('match (chrF; reward.similarity is "match")');
    expect(similarityLabel({ backend: 'embedding', embedding: { source: 'file', model: 'tiny.onnx', tokenizer: 'tokenizer.json', modelBytes: 402, inputNames: ['input_ids', 'attention_mask'], outputName: 'last_hidden_state', dim: 3 } }))
      .toBe('embedding: tiny.onnx + tokenizer.json (opened files; 402 bytes; inputs input_ids, attention_mask; output last_hidden_state; embedding size 3)');
    expect(similarityLabel({ backend: 'embedding', embedding: { source: 'config', model: 'm/e5.onnx', tokenizer: 'm/t.json', modelBytes: 118_300_000, inputNames: ['input_ids'], outputName: 'o', dim: 384 } }))
      .toMatch(/^embedding: m\/e5\.onnx \+ m\/t\.json \(reward\.embedding_model_url; 118\.3 MB;/);
  });
});
