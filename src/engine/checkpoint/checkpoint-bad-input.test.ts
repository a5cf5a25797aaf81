// Bad checkpoints: a table of broken files, fuzzing of the safetensors reader and of whole checkpoint
// loads (every failure is a plain Error whose message starts with the file; never a TypeError or an
// allocation RangeError), non-finite weights, non-UTF-8 text files and a large checkpoint.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initParams } from '../gpt/params';
import type { GPTConfig } from '../model-api';
import { buildSpecialTable } from '../tokenizer/special-tokens';
import { checkpointFlatParams, checkpointFromFlat, checkpointToBundle, checkpointToFiles, loadCheckpoint } from './checkpoint';
import { findNonFinite, nonFiniteMessage, requireFiniteWeights } from './finite-weights';
import { readSafetensors, writeSafetensors } from './safetensors';

const table = buildSpecialTable();
const config: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 8, blockSize: 16, vocabSize: table.vocabSize, layerNormEps: 1e-5 };
const flat = initParams(config, 3);
const ckpt = checkpointFromFlat(config, flat, table);
const enc = new TextEncoder();
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** 'ok' when f returns; 'refused' when it throws a plain Error whose message starts with `prefix` (anything else fails the test). */
function outcome(f: () => unknown, prefix: string): 'ok' | 'refused' {
  try {
    f();
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name, (e as Error).stack).toBe('Error');
    expect((e as Error).message.startsWith(prefix), (e as Error).message).toBe(true);
    return 'refused';
  }
}

/** a safetensors file from a header text and data bytes */
function rawFile(header: string, data = new Uint8Array()): Uint8Array {
  const h = enc.encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

function withFlat(edit: (f: Float32Array) => void): Map<string, Uint8Array> {
  const f = flat.slice();
  edit(f);
  return checkpointToFiles(checkpointFromFlat(config, f, table));
}

describe('non-finite weights', () => {
  it('are kept bit-exact by default and refused with file, tensor and counts when asked', () => {
    const files = withFlat((f) => {
      f[1] = Number.NaN;
      f[5] = Number.POSITIVE_INFINITY;
      f[flat.length - 1] = Number.NEGATIVE_INFINITY; // the last entry is ln_f.bias
    });
    const loose = loadCheckpoint(files, 'run/ckpt');
    expect(Number.isNaN(checkpointFlatParams(loose)[1])).toBe(true);
    expect(() => loadCheckpoint(files, 'run/ckpt', { requireFinite: true })).toThrow(
      "run/ckpt/model.safetensors: tensor 'transformer.wte.weight': 2 non-finite values of 2192 (1 NaN, 1 +Infinity; the first at index 1)\n" +
      "run/ckpt/model.safetensors: tensor 'transformer.ln_f.bias': 1 non-finite value of 8 (1 -Infinity; the first at index 7)\n" +
      'run/ckpt/model.safetensors: the weights hold NaN or Infinity, so training or sampling from them cannot work; use another checkpoint',
    );
    expect(() => loadCheckpoint(files, 'run/ckpt', { requireFinite: true })).toThrow(/non-finite/);
  });

  it('in a bundle name the bundle file; finite weights pass and load bit-exact', () => {
    const odd = flat.slice();
    new Uint32Array(odd.buffer)[9] = 0x7fc0beef; // NaN with a payload
    const bundle = checkpointToBundle(checkpointFromFlat(config, odd, table));
    expect(() => loadCheckpoint(bundle, 'm.lrpo.safetensors', { requireFinite: true })).toThrow(/^m\.lrpo\.safetensors: tensor 'transformer\.wte\.weight': 1 non-finite value of 2192 \(1 NaN; the first at index 9\)/);
    expect(bits(checkpointFlatParams(loadCheckpoint(bundle, 'm')))).toEqual(bits(odd));
    const ok = loadCheckpoint(checkpointToBundle(ckpt), 'ok.safetensors', { requireFinite: true });
    expect(bits(checkpointFlatParams(ok))).toEqual(bits(flat));
  });

  it('lists at most 8 tensors, then a count', () => {
    const params = new Map(Array.from({ length: 11 }, (_, i) => [`t${i}`, { data: new Float32Array([0, Number.NaN]) }]));
    expect(findNonFinite(params)).toHaveLength(11);
    expect(() => requireFiniteWeights(params, 'w')).toThrow(/w: tensor 't7'.*\nw: and 3 more tensors with non-finite values\n/s);
    expect(nonFiniteMessage('w', findNonFinite(params)[0])).toBe("w: tensor 't0': 1 non-finite value of 2 (1 NaN; the first at index 1)");
  });

  it('property: counts match a plain Number.isFinite scan for any float bits', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 64 }), (words) => {
      const data = new Float32Array(new Uint32Array(words).buffer);
      const r = findNonFinite(new Map([['x', { data }]]));
      const want = Array.from(data).filter((x) => !Number.isFinite(x)).length;
      expect(r.length ? r[0].count : 0).toBe(want);
      if (want) expect(r[0].firstIndex).toBe(Array.from(data).findIndex((x) => !Number.isFinite(x)));
    }), { numRuns: 300, seed: 5 });
  });
});

describe('table of broken checkpoint files', () => {
  const files = () => checkpointToFiles(ckpt);
  const cfg = JSON.parse(new TextDecoder().decode(files().get('config.json')));
  const withConfig = (text: string | Uint8Array) => {
    const f = files();
    f.set('config.json', typeof text === 'string' ? enc.encode(text) : text);
    return f;
  };
  const cases: [string, () => Map<string, Uint8Array> | Uint8Array, RegExp][] = [
    ['config.json not UTF-8', () => withConfig(new Uint8Array([0x7b, 0xff, 0x7d])), /^c\/config\.json: not valid UTF-8 text$/],
    ['special_tokens.json not UTF-8', () => { const f = files(); f.set('special_tokens.json', new Uint8Array([0xc3])); return f; }, /^c\/special_tokens\.json: not valid UTF-8 text$/],
    ['vocab_size 1e9 (would allocate 32 GB)', () => withConfig(JSON.stringify({ ...cfg, vocab_size: 1e9 })), /c\/model\.safetensors: tensor 'transformer\.wte\.weight' has shape \[274, 8\], expected \[1000000000, 8\]/],
    ['n_layer 1e7', () => withConfig(JSON.stringify({ ...cfg, n_layer: 1e7 })), /c\/model\.safetensors: missing tensor 'transformer\.h\.2\.ln_1\.weight'/],
    ['n_embd 2^20', () => withConfig(JSON.stringify({ ...cfg, n_embd: 2 ** 20, n_head: 2 })), /c\/model\.safetensors: tensor 'transformer\.wte\.weight' has shape/],
    ['n_layer "2"', () => withConfig(JSON.stringify({ ...cfg, n_layer: '2' })), /c\/config\.json: field 'n_layer' must be a positive integer, got "2"/],
    ['n_layer 1e400 (Infinity)', () => withConfig(JSON.stringify(cfg).replace('"n_layer":2', '"n_layer":1e400')), /field 'n_layer' must be a positive integer/],
    ['layer_norm_epsilon NaN string', () => withConfig(JSON.stringify({ ...cfg, layer_norm_epsilon: 'NaN' })), /field 'layer_norm_epsilon' must be a positive number, got "NaN"/],
    ['config.json is a list', () => withConfig('[]'), /c\/config\.json: config must be a JSON object/],
    ['config.json with NaN literal', () => withConfig('{"n_layer": NaN}'), /c\/config\.json: not valid JSON/],
    ['empty weights file', () => { const f = files(); f.set('model.safetensors', new Uint8Array()); return f; }, /c\/model\.safetensors: not a safetensors file \(0 bytes/],
    ['header length 2^63', () => { const b = new Uint8Array(16); new DataView(b.buffer).setBigUint64(0, 1n << 63n, true); return b; }, /^c: truncated or not safetensors/],
    ['header not UTF-8', () => rawFile('{"a":"\u00ff"}'.replace('\u00ff', '\uffff')).map((x, i) => (i === 14 ? 0xff : x)), /^c: the safetensors header is not valid JSON/],
    ['header is null', () => rawFile('null'), /^c: the safetensors header is not a JSON object/],
    ['tensor entry is a string', () => rawFile('{"t": "x"}'), /^c: tensor 't' has no dtype/],
    ['shape with NaN-like string', () => rawFile('{"t": {"dtype": "F32", "shape": ["NaN"], "data_offsets": [0, 4]}}', new Uint8Array(4)), /^c: tensor 't' has an invalid shape \["NaN"\]/],
    ['shape product overflows', () => rawFile('{"t": {"dtype": "F32", "shape": [1e300, 1e300], "data_offsets": [0, 4]}}', new Uint8Array(4)), /^c: tensor 't': shape \[1e\+300, 1e\+300\] of F32 needs Infinity bytes/],
    ['offsets past the end', () => rawFile('{"t": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}', new Uint8Array(4)), /^c: tensor 't' ends at byte 8 but the file holds only 4 data bytes/],
    ['metadata value an object with a numeric toString', () => rawFile('{"__metadata__": {"a": {"toString": 1}}}'), /^c: a safetensors file without an embedded config/],
    ['bundle config is not JSON', () => writeSafetensors(new Map(), { lrpo_checkpoint: '1', config: '{' }), /^c \(metadata 'config'\): not valid JSON/],
  ];

  it.each(cases)('%s: refused with the file named', (_what, make, msg) => {
    const input = make();
    expect(outcome(() => loadCheckpoint(input, 'c'), 'c')).toBe('refused');
    expect(() => loadCheckpoint(input, 'c')).toThrow(msg);
  });

  it('metadata values that are not strings are kept as their JSON', () => {
    expect(readSafetensors(rawFile('{"__metadata__": {"a": {"toString": 1}, "b": 2, "c": "x"}}'), 'm').metadata).toEqual({ a: '{"toString":1}', b: '2', c: 'x' });
  });
});

describe('fuzzing the checkpoint readers', () => {
  const bundle = checkpointToBundle(ckpt);
  const headerLen = Number(new DataView(bundle.buffer).getBigUint64(0, true));

  it('arbitrary bytes: readSafetensors returns or refuses with the file named', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      outcome(() => readSafetensors(bytes, 'x.safetensors'), 'x.safetensors');
    }), { numRuns: 1000, seed: 21 });
  });

  it('arbitrary headers with plausible lengths: never an unexpected exception', () => {
    const spec = fc.record({
      dtype: fc.oneof(fc.constantFrom('F32', 'F16', 'BF16', 'F64', 'I8'), fc.jsonValue()),
      shape: fc.oneof(fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 3 }), fc.jsonValue()),
      data_offsets: fc.oneof(fc.tuple(fc.nat(40), fc.nat(40)), fc.jsonValue()),
    }, { requiredKeys: [] });
    const header = fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__metadata__', '__proto__', 'constructor')), fc.oneof(spec, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 4 });
    fc.assert(fc.property(header, fc.uint8Array({ maxLength: 48 }), (h, data) => {
      outcome(() => loadCheckpoint(rawFile(JSON.stringify(h), data), 'h.safetensors'), 'h.safetensors');
    }), { numRuns: 1000, seed: 22 });
  });

  it('a valid bundle with flipped bytes or cut short: loads or refuses with the file named', () => {
    const edit = fc.record({
      flips: fc.array(fc.tuple(fc.nat(8 + headerLen + 64), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
      cut: fc.option(fc.nat(bundle.length), { nil: undefined }),
    });
    let refused = 0;
    fc.assert(fc.property(edit, ({ flips, cut }) => {
      const b = bundle.slice(0, cut ?? bundle.length);
      for (const [at, x] of flips) if (at < b.length) b[at] ^= x;
      if (outcome(() => loadCheckpoint(b, 'b.safetensors', { requireFinite: true }), 'b.safetensors') === 'refused') refused++;
    }), { numRuns: 600, seed: 23 });
    expect(refused).toBeGreaterThan(100); // the edits do break files; the property is that they break cleanly
  });

  it('arbitrary config.json objects over valid weights: loads or refuses with config.json named', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.integer({ min: -3, max: 300 }), fc.constantFrom(1e9, 2 ** 31, 1e300, 0.5, -0, 'NaN', null));
    const cfgArb = fc.record({
      model_type: fc.oneof(fc.constant('gpt2'), value), vocab_size: fc.oneof(fc.constant(274), value), n_positions: fc.oneof(fc.constant(16), value),
      n_embd: fc.oneof(fc.constant(8), value), n_layer: fc.oneof(fc.constant(2), value), n_head: fc.oneof(fc.constant(2), value),
      layer_norm_epsilon: fc.oneof(fc.constant(1e-5), value), n_inner: value, tie_word_embeddings: value, activation_function: fc.oneof(fc.constant('gelu_new'), value),
    }, { requiredKeys: [] });
    fc.assert(fc.property(cfgArb, (c) => {
      const f = checkpointToFiles(ckpt);
      f.set('config.json', enc.encode(JSON.stringify(c)));
      outcome(() => loadCheckpoint(f, 'c'), 'c/');
    }), { numRuns: 800, seed: 24 });
  });
});

describe('a large checkpoint', () => {
  it('a 4-layer, 256-wide model (3.3 M parameters, 13 MB): round-trips bit-exact, is checked, and a cut copy is refused', () => {
    const big: GPTConfig = { nLayer: 4, nHead: 4, nEmbd: 256, blockSize: 256, vocabSize: table.vocabSize, layerNormEps: 1e-5 };
    const w = initParams(big, 9);
    const bytes = checkpointToBundle(checkpointFromFlat(big, w, table));
    expect(bytes.length).toBeGreaterThan(13e6);
    const back = loadCheckpoint(bytes, 'big.safetensors', { requireFinite: true });
    const got = checkpointFlatParams(back);
    const a32 = new Uint32Array(got.buffer, got.byteOffset, got.length);
    const w32 = new Uint32Array(w.buffer, w.byteOffset, w.length);
    let differ = a32.length === w32.length ? 0 : -1;
    for (let i = 0; i < w32.length && differ >= 0; i++) if (a32[i] !== w32[i]) differ++;
    expect(differ).toBe(0);
    expect(() => loadCheckpoint(bytes.subarray(0, bytes.length - 1), 'big.safetensors')).toThrow(/^big\.safetensors: tensor '.*' ends at byte \d+ but the file holds only \d+ data bytes \(truncated file\?\)/);
    const broken = bytes.slice();
    new DataView(broken.buffer).setFloat32(broken.length - 4, Number.NaN, true); // the last value of the last tensor
    expect(() => loadCheckpoint(broken, 'big.safetensors', { requireFinite: true })).toThrow(/1 non-finite value of 256 \(1 NaN; the first at index 255\)/);
  });
});
