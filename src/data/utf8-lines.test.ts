import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { brief, clipText } from './brief';
import { decodeUtf8Lines, NOT_UTF8, withUtf8Problems } from './utf8-lines';

const enc = new TextEncoder();
const bytesOf = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));

describe('decodeUtf8Lines', () => {
  it('decodes valid text in one piece (BOM dropped, CRLF kept)', () => {
    expect(decodeUtf8Lines(bytesOf([0xef, 0xbb, 0xbf], 'a\r\nß\n'))).toEqual({ text: 'a\r\nß\n', badLines: [] });
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated 2-byte sequence', [0xc3]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['a UTF-16 surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['Latin-1 "é"', [0xe9]],
    ['0xff', [0xff]],
  ])('blanks the line holding %s, keeps the others and their numbers', (_what, bad) => {
    const r = decodeUtf8Lines(bytesOf('one\r\n', 'tw', bad, 'o\n', 'three\n'));
    expect(r.badLines).toEqual([2]);
    expect(r.text.split(/\r?\n/)).toEqual(['one', '', 'three', '']);
  });

  it('counts lone CR as a break only when asked (the eval CSV reader does)', () => {
    const b = bytesOf('a\r', [0xff], '\rc');
    expect(decodeUtf8Lines(b).badLines).toEqual([1]);
    const cr = decodeUtf8Lines(b, { crIsBreak: true });
    expect(cr).toEqual({ text: 'a\r\rc', badLines: [2] });
  });

  it('keeps a U+FEFF at the start of a later line, as a whole-file decode does', () => {
    const r = decodeUtf8Lines(bytesOf([0xef, 0xbb, 0xbf], 'a\n', [0xef, 0xbb, 0xbf], 'b\n', [0xff]));
    expect(r).toEqual({ text: 'a\n\uFEFFb\n', badLines: [3] });
  });

  it('property: valid lines decode exactly as TextDecoder does, bad lines are the ones holding bad bytes', () => {
    const line = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)).map((s) => ({ bytes: [...enc.encode(s)], bad: false })),
      fc.uint8Array({ minLength: 1, maxLength: 8 }).map((u) => [...u].filter((b) => b !== 0x0a && b !== 0x0d))
        .filter((b) => { try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(b)); return false; } catch { return true; } })
        .map((b) => ({ bytes: b, bad: true })),
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
      const bytes = new Uint8Array(lines.flatMap((l, i) => (i ? [0x0a, ...l.bytes] : l.bytes)));
      const r = decodeUtf8Lines(bytes);
      expect(r.badLines).toEqual(lines.flatMap((l, i) => (l.bad ? [i + 1] : [])));
      const want = lines.map((l) => (l.bad ? '' : new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(l.bytes))));
      if (want.length && !lines[0].bad && lines[0].bytes[0] === 0xef && lines[0].bytes[1] === 0xbb && lines[0].bytes[2] === 0xbf) want[0] = want[0].slice(1);
      expect(r.text).toBe(want.join('\n'));
    }), { numRuns: 300, seed: 7 });
  });

  it('handles a 32 MB file with a bad line near the end (one pass; speed is measured by benches, not here)', () => {
    const good = enc.encode('{"step": 1, "probs": {}}\n');
    const n = Math.ceil((32 << 20) / good.length);
    const bytes = new Uint8Array(n * good.length + 3);
    for (let i = 0; i < n; i++) bytes.set(good, i * good.length);
    bytes.set([0xff, 0x0a, 0x41], n * good.length);
    const r = decodeUtf8Lines(bytes);
    expect(r.badLines).toEqual([n + 1]);
    expect(r.text.length).toBe(n * good.length + 2);
  });
});

describe('withUtf8Problems and brief', () => {
  it('adds one placed problem per bad line, ordered by place', () => {
    const p = withUtf8Problems([{ file: 'f', row: 1, reason: 'x' }, { file: 'f', row: 5, reason: 'y' }], [3], 'f', 'row');
    expect(p).toEqual([{ file: 'f', row: 1, reason: 'x' }, { file: 'f', row: 3, reason: NOT_UTF8 }, { file: 'f', row: 5, reason: 'y' }]);
    expect(withUtf8Problems([], [2], 'g', 'line')).toEqual([{ file: 'g', line: 2, reason: NOT_UTF8 }]);
  });

  it('shows numbers honestly and keeps long values short', () => {
    expect(brief(JSON.parse('1e400'))).toBe('Infinity');
    expect(brief(-0)).toBe('-0');
    expect(brief(Number.NaN)).toBe('NaN');
    expect(brief('x'.repeat(1_000_000)).length).toBeLessThan(70);
    expect(brief({ a: 'y'.repeat(10_000) }).length).toBeLessThan(70);
    expect(brief(undefined)).toBe('undefined');
    expect(clipText('abc', 2)).toBe('ab…');
  });
});
