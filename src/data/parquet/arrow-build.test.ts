import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Int64, List, Field, Struct, Utf8, vectorFromArray } from 'apache-arrow';
import { buildVector } from './arrow-build.ts';
import { toPlain } from './arrow-to-rows.ts';

describe('buildVector', () => {
  const type = new Struct([
    new Field('s', new Utf8(), true),
    new Field('n', new Int64(), true),
    new Field('l', new List(new Field('item', new Utf8(), true)), true),
  ]);
  const values = [
    { s: 'a', n: 1n, l: ['x', 'y'] },
    { s: null, n: null, l: null },
    null,
    { s: '', n: 3n, l: [] },
  ];

  it('gives the same values as apache-arrow vectorFromArray, nulls included', () => {
    const ours = buildVector(type, values);
    const theirs = vectorFromArray(values as never, type);
    expect(Array.from({ length: 4 }, (_, i) => toPlain(ours.get(i)))).toEqual(Array.from({ length: 4 }, (_, i) => toPlain(theirs.get(i))));
    expect(toPlain(ours.get(0))).toEqual({ s: 'a', n: 1, l: ['x', 'y'] });
    expect(ours.get(2)).toBe(null);
    expect(ours.nullCount).toBe(1);
  });

  it('works where code generation from strings is disallowed (as under a CSP without unsafe-eval)', () => {
    const here = path.resolve(__dirname);
    const code = `
      const { Utf8, vectorFromArray } = await import(${JSON.stringify(path.resolve(here, '../../../node_modules/apache-arrow/Arrow.node.mjs'))});
      const { buildVector } = await import(${JSON.stringify(path.join(here, 'arrow-build.ts'))});
      const { examplesToSqlIpc } = await import(${JSON.stringify(path.join(here, '../duckdb/sql-table.ts'))});
      const { examplesToArrow } = await import(${JSON.stringify(path.join(here, 'write-parquet.ts'))});
      let refused = false;
      try { vectorFromArray(['a', null], new Utf8()); } catch { refused = true; }
      const v = buildVector(new Utf8(), ['a', null]);
      const ex = { index: 0, dataSource: '', question: 'q', answer: 'a', topic: 't', language: 'en', regions: ['X'], references: { en: 'a' }, prompt: [] };
      const t = examplesToArrow([ex, ex]);
      const ipc = examplesToSqlIpc([ex]);
      console.log(JSON.stringify({ refused, v: [v.get(0), v.get(1)], rows: t.numRows, ipc: ipc.length > 0 }));
    `;
    const script = path.join(mkdtempSync(path.join(tmpdir(), 'no-eval-')), 'check.mts');
    writeFileSync(script, code);
    const root = path.resolve(here, '../../..');
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', path.join(root, 'bin/run-ts.mjs'), script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ refused: true, v: ['a', null], rows: 2, ipc: true });
  });
});
