// addSpecialTokens on the tokenizer-ml fixture (byte-level BPE, vocab 1024, 3 special tokens): new
// tokens get ids 1024.. in order and are matched whole in text (encode -> their ids -> decode gives
// the text back, the fixture's own ids around them unchanged); tokens the tokenizer has keep their
// ids; added_tokens_decoder grows only where tokenizer_config.json has one; the inputs stay as given.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addSpecialTokens } from './added-tokens';
import { HfTokenizer } from './tokenizer';

const dir = fileURLToPath(new URL('../../../../shared/fixtures/tokenizer-ml/', import.meta.url));
const json = JSON.parse(readFileSync(dir + 'tokenizer.json', 'utf8'));
const cfg = JSON.parse(readFileSync(dir + 'tokenizer_config.json', 'utf8'));
const expected = JSON.parse(readFileSync(dir + 'expected.json', 'utf8'));

describe('addSpecialTokens', () => {
  it('appends new special tokens with the next ids and matches them whole in text', () => {
    const before = JSON.stringify(json);
    const r = addSpecialTokens(json, cfg, ['<|out_lang_de|>', '<|out_lang_zh|>', '<|im_end|>']);
    expect(JSON.stringify(json)).toBe(before);
    expect(r.ids).toEqual([1024, 1025, 2]);
    expect(r.added).toBe(2);
    const tok = new HfTokenizer(r.tokenizerJson, r.tokenizerConfig, 'tokenizer.json');
    expect(tok.size).toBe(1026);
    expect(tok.tokenToId('<|out_lang_zh|>')).toBe(1025);
    const e = expected.encode[0];
    const ids = tok.encode(`${e.text}\n<|out_lang_de|>`, false);
    const nl = tok.encode('\n', false);
    expect(ids).toEqual([...e.ids, ...nl, 1024]);
    expect(tok.decode(ids)).toBe(`${e.decoded}\n<|out_lang_de|>`);
    expect(tok.decode(ids, true)).toBe(`${e.decoded}\n`); // special: skipped on request
    // the fixture's other strings encode as before
    for (const x of expected.encode) expect(tok.encode(x.text, false)).toEqual(x.ids);
    // adding again changes nothing
    const again = addSpecialTokens(r.tokenizerJson, r.tokenizerConfig, ['<|out_lang_de|>']);
    expect(again.ids).toEqual([1024]);
    expect(again.added).toBe(0);
  });

  it('adds to added_tokens_decoder when tokenizer_config.json has one (transformers 4.x files)', () => {
    const withDecoder = { ...cfg, added_tokens_decoder: { 0: { content: '<|endoftext|>', special: true } } };
    const r = addSpecialTokens(json, withDecoder, ['<|out_lang_ar|>']);
    expect((r.tokenizerConfig.added_tokens_decoder as Record<string, unknown>)['1024']).toEqual({ content: '<|out_lang_ar|>', lstrip: false, normalized: false, rstrip: false, single_word: false, special: true });
    expect(addSpecialTokens(json, cfg, ['<|out_lang_ar|>']).tokenizerConfig.added_tokens_decoder).toBeUndefined();
    expect(() => addSpecialTokens({ model: {} }, cfg, ['x'], 'bad/tokenizer.json')).toThrow(/bad\/tokenizer.json: the tokenizer model has no vocabulary/);
  });
});
