import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, parseCsvRecords } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks in fields, CRLF and a BOM', () => {
    const text = '\uFEFF,ID,Question\r\n0,a,"Hello, ""world"""\r\n1,b,"two\nlines"\n2,c,\n';
    expect(parseCsv(text)).toEqual([
      { '': '0', ID: 'a', Question: 'Hello, "world"' },
      { '': '1', ID: 'b', Question: 'two\nlines' },
      { '': '2', ID: 'c', Question: '' },
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsvRecords('a,"b\n')).toThrow(/unterminated/);
  });

  it('round-trips any table written with full quoting (fuzz)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (rows) => {
      const text = rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n');
      expect(parseCsvRecords(text)).toEqual(rows);
    }));
  });
});
