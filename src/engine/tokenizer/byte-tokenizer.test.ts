import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROUTER_LANGUAGES } from '../../data/languages';
import { ByteTokenizer } from './byte-tokenizer';
import { DEFAULT_OUT_LANGS, parseSpecialTable } from './special-tokens';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('byte tokenizer', () => {
  const tok = new ByteTokenizer();

  it('has bos/eos/pad at 256-258 and 15 language tags in router order', () => {
    expect([tok.bosId, tok.eosId, tok.padId]).toEqual([256, 257, 258]);
    expect(tok.vocabSize).toBe(259 + 15);
    expect(tok.langTokenId('ar')).toBe(259);
    expect(tok.langTokenId('zh')).toBe(273);
    expect([...DEFAULT_OUT_LANGS]).toEqual([...ROUTER_LANGUAGES]);
    expect(() => tok.langTokenId('xx')).toThrow(/no <\|out_lang_xx\|> token/);
    expect(ByteTokenizer.forLanguages(['en', 'hi', 'sw']).vocabSize).toBe(262);
  });

  it('round-trips any Unicode string (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const ids = tok.encode(s);
        expect(ids.every((i) => i >= 0 && i < 256)).toBe(true);
        expect(tok.decode(ids)).toBe(s);
        expect(tok.decode(tok.encodeWithSpecials(s))).toBe(s);
      }),
      { numRuns: 200 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      // 'binary' covers every code point; well-formed strings (no lone surrogates) round-trip
      if (!LONE_SURROGATE.test(s)) expect(tok.decode(tok.encode(s))).toBe(s);
    }), { numRuns: 200 });
  });

  it('encodes literal special-token strings only with encodeWithSpecials', () => {
    const text = 'Hi<|out_lang_de|>\n日本<|eos|>';
    const ids = tok.encodeWithSpecials(text);
    expect(ids).toContain(tok.langTokenId('de'));
    expect(ids[ids.length - 1]).toBe(257);
    expect(tok.decode(ids)).toBe(text);
    expect(tok.decode(ids, { skipSpecials: true })).toBe('Hi\n日本');
    expect(tok.encode(text).every((i) => i < 256)).toBe(true);
  });

  it('replaces invalid UTF-8 and refuses unknown ids', () => {
    expect(tok.decode([0xe6, 0x97, 256, 0x41])).toBe('\uFFFD<|bos|>A');
    expect(() => tok.decode([65, 999])).toThrow(/token id 999 at position 1/);
  });

  it('the table round-trips through JSON and bad tables are refused with the field named', () => {
    const json = JSON.parse(JSON.stringify(tok.table));
    expect(parseSpecialTable(json, 'special_tokens.json')).toEqual(tok.table);
    expect(() => parseSpecialTable({ ...json, eos: { id: 300, content: '<|eos|>' } }, 'st.json')).toThrow(/st.json: field 'eos'/);
    expect(() => parseSpecialTable({ ...json, vocabSize: 3 }, 'st.json')).toThrow(/vocabSize/);
  });
});
