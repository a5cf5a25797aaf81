import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { initParams } from '../gpt/params';
import type { GPTConfig } from '../model-api';
import { buildSpecialTable } from '../tokenizer/special-tokens';
import { checkpointFlatParams, checkpointFromFlat, checkpointToBundle, checkpointToFiles, loadCheckpoint } from './checkpoint';
import { loadCheckpointPath, saveCheckpointBundle, saveCheckpointDir } from './checkpoint-fs';
import { readSafetensors, writeSafetensors } from './safetensors';

const table = buildSpecialTable();
const config: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 8, blockSize: 16, vocabSize: table.vocabSize, layerNormEps: 1e-5 };
const flat = initParams(config, 42);
const ckpt = checkpointFromFlat(config, flat, table);
const tmp = mkdtempSync(join(tmpdir(), 'lrpo-ckpt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('checkpoints', () => {
  it('folder round-trip is bit-exact and writes HF GPT-2 files', () => {
    const dir = join(tmp, 'folder');
    saveCheckpointDir(dir, ckpt);
    const back = loadCheckpointPath(dir);
    expect(back.config).toEqual(config);
    expect(back.specialTokens).toEqual(table);
    expect(bits(checkpointFlatParams(back))).toEqual(bits(flat));
    const hf = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(hf).toMatchObject({
      model_type: 'gpt2', vocab_size: 274, n_positions: 16, n_embd: 8, n_layer: 2, n_head: 2,
      activation_function: 'gelu_new', layer_norm_epsilon: 1e-5, tie_word_embeddings: true,
      bos_token_id: 256, eos_token_id: 257, pad_token_id: 258,
    });
    const st = readSafetensors(new Uint8Array(readFileSync(join(dir, 'model.safetensors'))), 'm');
    expect(st.metadata.format).toBe('pt');
    expect(st.tensors.get('transformer.h.0.attn.c_attn.weight')!.shape).toEqual([8, 24]);
    expect(st.tensors.get('transformer.h.1.mlp.c_proj.weight')!.shape).toEqual([32, 8]);
    expect(st.tensors.has('lm_head.weight')).toBe(false);
  });

  it('single-file bundle round-trip is bit-exact (also with NaN payloads and -0)', () => {
    const odd = flat.slice();
    new Uint32Array(odd.buffer)[3] = 0x7fc01234; // a NaN with a payload
    odd[4] = -0;
    const file = join(tmp, 'model.lrpo.safetensors');
    saveCheckpointBundle(file, checkpointFromFlat(config, odd, table));
    const back = loadCheckpointPath(file);
    expect(bits(checkpointFlatParams(back))).toEqual(bits(odd));
    expect(back.specialTokens).toEqual(table);
  });

  it('loads the PyTorch fixture folder (no special-token table)', () => {
    const dir = fileURLToPath(new URL('../../../../shared/fixtures/gpt2-tiny', import.meta.url));
    const c = loadCheckpointPath(dir);
    expect(c.config).toMatchObject({ nLayer: 2, nHead: 2, nEmbd: 32, blockSize: 32, vocabSize: 300 });
    expect(c.specialTokens).toBeNull();
  });

  const withTensors = (edit: (m: Map<string, { shape: number[]; data: Float32Array }>) => void) => {
    const files = checkpointToFiles(ckpt);
    const st = readSafetensors(files.get('model.safetensors')!, 'x');
    const m = new Map([...st.tensors].map(([k, t]) => [k, { shape: t.shape, data: t.data }]));
    edit(m);
    files.set('model.safetensors', writeSafetensors(m, { format: 'pt' }));
    return () => loadCheckpoint(files, 'ckpt');
  };

  it('names the tensor when shapes are wrong, names are unknown or tensors missing', () => {
    expect(withTensors((m) => {
      m.set('transformer.h.1.ln_2.bias', { shape: [9], data: new Float32Array(9) });
    })).toThrow("ckpt/model.safetensors: tensor 'transformer.h.1.ln_2.bias' has shape [9], expected [8]");
    expect(withTensors((m) => {
      m.set('transformer.h.0.attn.c_attn.weight', { shape: [24, 8], data: new Float32Array(192) });
    })).toThrow(/'transformer.h.0.attn.c_attn.weight' has shape \[24, 8\], expected \[8, 24\]/);
    expect(withTensors((m) => m.set('transformer.h.0.mlp.gate.weight', { shape: [1], data: new Float32Array(1) })))
      .toThrow(/unexpected tensor 'transformer.h.0.mlp.gate.weight'/);
    expect(withTensors((m) => m.delete('transformer.wpe.weight'))).toThrow(/missing tensor 'transformer.wpe.weight'/);
  });

  it('reports truncated files, missing files and bad config fields with the file named', () => {
    const bundle = checkpointToBundle(ckpt);
    const file = join(tmp, 'cut.safetensors');
    writeFileSync(file, bundle.subarray(0, bundle.length - 100));
    expect(() => loadCheckpointPath(file)).toThrow(/cut.safetensors: tensor '.*' ends at byte \d+ but the file holds only \d+ data bytes \(truncated file\?\)/);
    writeFileSync(file, bundle.subarray(0, 20));
    expect(() => loadCheckpointPath(file)).toThrow(/cut.safetensors: truncated or not safetensors/);
    const files = checkpointToFiles(ckpt);
    files.delete('config.json');
    expect(() => loadCheckpoint(files, 'run/ckpt')).toThrow('run/ckpt: missing config.json');
    const f2 = checkpointToFiles(ckpt);
    const cfg = JSON.parse(new TextDecoder().decode(f2.get('config.json')));
    f2.set('config.json', new TextEncoder().encode(JSON.stringify({ ...cfg, n_head: 3 })));
    expect(() => loadCheckpoint(f2, 'c')).toThrow('c/config.json: n_embd (8) is not divisible by n_head (3)');
    f2.set('config.json', new TextEncoder().encode(JSON.stringify({ ...cfg, activation_function: 'relu' })));
    expect(() => loadCheckpoint(f2, 'c')).toThrow(/c\/config.json: field 'activation_function' is "relu"/);
    f2.set('config.json', new TextEncoder().encode('{"n_layer": 2,'));
    expect(() => loadCheckpoint(f2, 'c')).toThrow(/c\/config.json: not valid JSON/);
    expect(() => loadCheckpoint(writeSafetensors(new Map(), { format: 'pt' }), 'plain.safetensors')).toThrow(/without an embedded config/);
    expect(() => loadCheckpointPath(join(tmp, 'nope'))).toThrow(/nope: no such checkpoint folder or file/);
  });
});
