import { describe, expect, it } from 'vitest';
import { readJsonlLines } from './jsonl-lines';
import { NOT_UTF8 } from './utf8-lines';

const enc = new TextEncoder();

describe('readJsonlLines', () => {
  it('keeps each line number and byte offset; BOM, CRLF and blank lines handled', () => {
    const text = '\uFEFF{"a":1}\r\n\n  \n{"b":"é"}\n{"c":3}';
    const r = readJsonlLines(enc.encode(text));
    expect(r.entries.map((e) => [e.line, e.offset, e.value])).toEqual([[1, 0, { a: 1 }], [4, 16, { b: 'é' }], [5, 27, { c: 3 }]]);
    // offsets are bytes: the BOM is 3 bytes, "é" 2
    const bytes = enc.encode(text);
    expect(bytes[16]).toBe(0x7b);
    expect(bytes[27]).toBe(0x7b);
    expect(r.issues).toEqual([]);
    expect(r.nonBlank).toBe(3);
    expect(readJsonlLines(text).entries).toEqual(r.entries); // text in, same answer
  });

  it('a line that is not UTF-8 or not JSON is an issue with its line; the rest is kept', () => {
    const bytes = new Uint8Array([...enc.encode('{"a":1}\n'), 0x7b, 0xff, 0x7d, 0x0a, ...enc.encode('{"b": NaN}\n{"c":2}\n{"d":')]);
    const r = readJsonlLines(bytes);
    expect(r.entries.map((e) => e.value)).toEqual([{ a: 1 }, { c: 2 }]);
    expect(r.issues.map((i) => [i.line, i.offset])).toEqual([[2, 8], [3, 12], [5, 31]]);
    expect(r.issues[0].reason).toBe(NOT_UTF8);
    expect(r.issues[1].reason).toMatch(/^not valid JSON \(.*\); it contains NaN or Infinity, which JSON does not allow/);
    expect(r.issues[2].reason).toMatch(/^not valid JSON \(/);
    expect(r.nonBlank).toBe(5);
  });

  it('a very long line: parsed up to the limit, refused beyond it without decoding', () => {
    const long = `{"x":"${'y'.repeat(200_000)}"}`;
    const ok = readJsonlLines(`${long}\n{"z":1}\n`);
    expect(ok.entries).toHaveLength(2);
    const r = readJsonlLines(`{"z":0}\n${long}\n{"z":1}\n`, { maxLineBytes: 1000 });
    expect(r.entries.map((e) => e.value)).toEqual([{ z: 0 }, { z: 1 }]);
    expect(r.issues).toEqual([{ line: 2, offset: 8, reason: `the line is ${long.length} bytes, more than the limit of 1000; skipped` }]);
  });

  it('a lone CR ends a line only when asked', () => {
    expect(readJsonlLines('{"a":1}\r{"b":2}').issues).toHaveLength(1);
    expect(readJsonlLines('{"a":1}\r{"b":2}', { crIsBreak: true }).entries.map((e) => [e.line, e.value])).toEqual([[1, { a: 1 }], [2, { b: 2 }]]);
  });
});
