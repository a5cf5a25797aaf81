import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, CRLF, blank lines and a BOM, with the line each record starts on', () => {
    const r = parseCsv('\ufeffa,b\r\n"x, ""y""",2\n\n"multi\nline",3\n');
    expect(r.unterminatedQuoteLine).toBeUndefined();
    expect(r.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', '2'] },
      { line: 4, fields: ['multi\nline', '3'] },
    ]);
  });

  it('reports an unterminated quote with its line', () => {
    expect(parseCsv('a\n"open,1\n2\n').unterminatedQuoteLine).toBe(2);
  });

  it('round-trips any table of fields written with csvField', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const text = rows.map((r) => r.map(csvField).join(',')).join('\n');
        const parsed = parseCsv(text).records.map((r) => r.fields);
        const expected = rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
        expect(parsed).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
