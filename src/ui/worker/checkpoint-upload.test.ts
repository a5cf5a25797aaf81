// Opening a checkpoint in the studio: every kind of bad file is refused with the file and the reason
// (the run is not touched until this check passes; see runner.test.ts for that part).
import { describe, expect, it } from 'vitest';
import { checkpointToBundle, checkpointToFiles } from '../../engine/checkpoint/checkpoint';
import { readSafetensors, writeSafetensors } from '../../engine/checkpoint/safetensors';
import { toParamMap } from '../../engine/gpt/param-map';
import { initParams } from '../../engine/gpt/params';
import { buildSpecialTable } from '../../engine/tokenizer/special-tokens';
import { defaultRunConfig } from '../../lrpo/config';
import { checkCheckpointForRun, readCheckpointUpload, uploadLabel } from './checkpoint-upload';

const table = buildSpecialTable(defaultRunConfig().router.languages);
const g = { nLayer: 1, nHead: 2, nEmbd: 8, blockSize: 128, vocabSize: table.vocabSize };
const ckpt = { config: g, params: toParamMap(g, initParams(g, 3)), specialTokens: table };
const good = checkpointToBundle(ckpt);
const enc = new TextEncoder();

/** the bundle with its tensors changed, metadata kept */
function rewrite(edit: (t: Map<string, { shape: number[]; data: Float32Array }>) => void): Uint8Array {
  const st = readSafetensors(good, 'x');
  const tensors = new Map([...st.tensors].map(([k, t]) => [k, { shape: [...t.shape], data: t.data.slice() }]));
  edit(tensors);
  return writeSafetensors(tensors, st.metadata);
}

const fails = (files: { name: string; bytes: Uint8Array }[]) => {
  try {
    readCheckpointUpload(files);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a failure');
};

describe('readCheckpointUpload', () => {
  it('reads the bundle and a folder chosen as files, identically', () => {
    const a = readCheckpointUpload([{ name: 'c.safetensors', bytes: good }]);
    const files = checkpointToFiles(ckpt);
    const b = readCheckpointUpload([...files].map(([name, bytes]) => ({ name, bytes })));
    expect(a.name).toBe('c.safetensors');
    expect(b.name).toBe('config.json + model.safetensors + special_tokens.json');
    expect(b.ckpt.config).toEqual(a.ckpt.config);
    expect([...b.ckpt.params.get('transformer.wte.weight')!.data]).toEqual([...a.ckpt.params.get('transformer.wte.weight')!.data]);
  });

  it('names the file and the reason for every kind of bad input', () => {
    const wrongShape = rewrite((t) => {
      const w = t.get('transformer.wpe.weight')!;
      t.set('transformer.wpe.weight', { shape: [w.shape[0] / 2, w.shape[1]], data: w.data.slice(0, w.data.length / 2) });
    });
    expect(fails([{ name: 'shape.safetensors', bytes: wrongShape }])).toMatch(/^shape\.safetensors: tensor 'transformer\.wpe\.weight' has shape \[64, 8\], expected \[128, 8\]/);
    const wrongName = rewrite((t) => {
      t.set('transformer.h.0.attn.c_attn.W', t.get('transformer.h.0.attn.c_attn.weight')!);
      t.delete('transformer.h.0.attn.c_attn.weight');
    });
    expect(fails([{ name: 'names.safetensors', bytes: wrongName }])).toMatch(/^names\.safetensors: .*transformer\.h\.0\.attn\.c_attn/);
    expect(fails([{ name: 'cut.safetensors', bytes: good.slice(0, good.length - 100) }])).toMatch(/^cut\.safetensors: /);
    expect(fails([{ name: 'cut.safetensors', bytes: good.slice(0, 5) }])).toMatch(/^cut\.safetensors: /);
    expect(fails([{ name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) }])).toMatch(/^photo\.jpg: /);
    const inf = rewrite((t) => void (t.get('transformer.ln_f.weight')!.data[0] = Infinity));
    expect(fails([{ name: 'inf.safetensors', bytes: inf }])).toMatch(/^inf\.safetensors: tensor 'transformer\.ln_f\.weight': 1 non-finite value/);
    const weights = checkpointToFiles(ckpt).get('model.safetensors')!;
    expect(fails([{ name: 'config.json', bytes: enc.encode('{"n_layer": ') }, { name: 'model.safetensors', bytes: weights }])).toMatch(/\.\/config\.json: not valid JSON/);
    expect(fails([{ name: 'config.json', bytes: enc.encode('{"model_type": "gpt2", "n_layer": -1}') }, { name: 'model.safetensors', bytes: weights }])).toMatch(/\.\/config\.json/);
    expect(fails([{ name: 'config.json', bytes: enc.encode('{}') }])).toMatch(/^config\.json: choose it together with model\.safetensors/);
    expect(fails([{ name: 'model.safetensors', bytes: weights }])).toMatch(/^model\.safetensors: a safetensors file without an embedded config/);
    expect(fails([{ name: 'config.json', bytes: enc.encode('{}') }, { name: 'notes.txt', bytes: enc.encode('x') }])).toMatch(/^notes\.txt: not a file of a checkpoint folder/);
    expect(fails([{ name: 'config.json', bytes: enc.encode('{}') }, { name: 'special_tokens.json', bytes: enc.encode('{}') }])).toMatch(/model\.safetensors is missing/);
    expect(fails([])).toMatch(/no checkpoint file/);
  });

  it('refuses a checkpoint whose vocabulary or context does not fit the run', () => {
    const cfg = defaultRunConfig();
    const opened = readCheckpointUpload([{ name: 'c.safetensors', bytes: good }]);
    expect(() => checkCheckpointForRun(opened, cfg)).not.toThrow();
    cfg.data.max_prompt_length = 100;
    cfg.data.max_response_length = 44;
    expect(() => checkCheckpointForRun(opened, cfg)).toThrow(/^c\.safetensors: its context \(n_positions 128\) is shorter than data\.max_prompt_length \+ data\.max_response_length \(144\)/);
    const foreign = { name: 'f', ckpt: { ...opened.ckpt, specialTokens: null, config: { ...g, vocabSize: 300 } } };
    expect(() => checkCheckpointForRun(foreign, defaultRunConfig())).toThrow(/^f: vocab_size 300 does not match its tokenizer \(274 tokens for the 15 router languages\)/);
    expect(uploadLabel([])).toBe('(no file)');
  });
});
