import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Field, Int64, List, Struct, Table, Utf8, tableFromIPC, tableToIPC, type Vector } from 'apache-arrow';
import { buildVector } from './arrow-build.ts';
import { arrowToRows, toPlain } from './arrow-to-rows.ts';

const type = new Struct([
  new Field('s', new Utf8(), true),
  new Field('n', new Int64(), true),
  new Field('l', new List(new Field('item', new Struct([new Field('role', new Utf8(), true)]), true)), true),
]);
const valueArb = fc.option(fc.record({
  s: fc.option(fc.string(), { nil: null }),
  n: fc.option(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), { nil: null }),
  l: fc.option(fc.array(fc.option(fc.record({ role: fc.option(fc.string(), { nil: null }) }), { nil: null }), { maxLength: 3 }), { nil: null }),
}), { nil: null });

describe('arrowToRows (column-wise) equals row-by-row conversion', () => {
  it('for nested structs/lists with nulls, across several record batches and after slicing (fuzz)', () => {
    fc.assert(fc.property(fc.array(valueArb, { maxLength: 12 }), fc.array(fc.string(), { maxLength: 12 }), fc.nat(5), (values, texts, cut) => {
      const n = Math.min(values.length, texts.length);
      const t = new Table({ a: buildVector(type, values.slice(0, n)), b: buildVector(new Utf8(), texts.slice(0, n)) });
      const two = n > 1 ? t.slice(0, Math.floor(n / 2)).concat(t.slice(Math.floor(n / 2))) : t;
      const tables: Table[] = [t, two, tableFromIPC(tableToIPC(two, 'stream')), t.slice(Math.min(cut, n))];
      for (const table of tables) {
        const a = table.getChild('a') as Vector;
        const b = table.getChild('b') as Vector;
        const expected = Array.from({ length: table.numRows }, (_, r) => ({ a: toPlain(a.get(r)), b: toPlain(b.get(r)) }));
        expect(arrowToRows(table).rows).toEqual(expected);
      }
    }), { numRuns: 200 });
  });
});
