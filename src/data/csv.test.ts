import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvObjects, parseCsv, writeCsv } from './csv';

describe('parseCsv', () => {
  it('reads RFC 4180 quoting, CRLF, BOM and embedded line breaks', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"line1\r\nline2",\r\n';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, y', 'he said "hi"'], line: 2 },
      { fields: ['2', 'line1\r\nline2', ''], line: 3 },
    ]);
  });
  it('accepts LF and lone CR line ends and a missing final newline', () => {
    expect(parseCsv('a,b\n1,2').records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r1,2\r').records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b'], [2, '1', '2']]);
  });
  it('reports an unclosed quote with its line and goes on with the next line', () => {
    const { records, problems } = parseCsv('a,b\n1,"oops\n2,3\n');
    expect(problems).toEqual([{ line: 2, reason: expect.stringMatching(/never closed/) }]);
    expect(records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b'], [3, '2', '3']]);
  });
  it('reports text after a closing quote', () => {
    const { records, problems } = parseCsv('a,b\n"x"y,2\n3,4\n');
    expect(problems[0]).toEqual({ line: 2, reason: expect.stringMatching(/after a closing quote/) });
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['3', '4']]);
  });
  it('keeps a trailing empty field', () => {
    expect(parseCsv('a,\n').records[0].fields).toEqual(['a', '']);
    expect(parseCsv('a,').records[0].fields).toEqual(['a', '']); // at the very end, once
    expect(parseCsv('a,,').records[0].fields).toEqual(['a', '', '']);
  });
  it('reads tab-separated text', () => {
    expect(parseCsv('a\tb\n"1\t2"\t3\n', '\t').records.map((r) => r.fields)).toEqual([['a', 'b'], ['1\t2', '3']]);
  });

  it('round-trips any table through writeCsv (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', '中', ',', '"', '\n', '\r', ' ', 'x', '\t', '😀'), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(field, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 })),
        (rows) => {
          // a record that is one empty field is a blank line, which readers skip by design
          fc.pre(rows.every((r) => !(r.length === 1 && r[0] === '')));
          const { records, problems } = parseCsv(writeCsv(rows));
          expect(problems).toEqual([]);
          expect(records.map((r) => r.fields)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws and always returns records or problems for arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\uFEFF', ' ', '\u0000'), maxLength: 60 }), (s) => {
        const r = parseCsv(s);
        for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
        for (const rec of r.records) expect(rec.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('handles a huge field', () => {
    const big = 'x'.repeat(2_000_000);
    const r = parseCsv(`a\n"${big}"\n`);
    expect(r.records[1].fields[0].length).toBe(2_000_000);
  });

  it('csvObjects keys rows by the header (BLEnD questions CSV shape), blank header names included', () => {
    const text = '\uFEFF,ID,Question\r\n0,a,"Hello, ""world"""\r\n1,b,"two\nlines"\n2,c\n';
    expect(csvObjects(text)).toEqual({
      rows: [
        { '': '0', ID: 'a', Question: 'Hello, "world"' },
        { '': '1', ID: 'b', Question: 'two\nlines' },
        { '': '2', ID: 'c', Question: '' },
      ],
      problems: [],
    });
  });
});
