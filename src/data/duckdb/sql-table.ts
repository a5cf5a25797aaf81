// The loaded dataset as one flat table for SQL (DuckDB's `dataset`): one row per usable example,
// text columns a researcher can GROUP BY directly, and one ref_<code> column per reference language.
//   row, question, answer, topic, language, region (regions joined by ", "; null when none),
//   split, data_source, ref_ar … ref_zh (+ any other reference language present)
import { Int32, Table, Utf8, tableToIPC, type Vector } from 'apache-arrow';
import { buildVector } from '../parquet/arrow-build.ts';
import type { Example } from '../example.ts';
import { ROUTER_LANGUAGES } from '../languages.ts';

export const SQL_TABLE = 'dataset';

function referenceColumns(examples: readonly Example[]): string[] {
  const present = new Set<string>();
  for (const e of examples) for (const k of Object.keys(e.references)) present.add(k);
  const router = ROUTER_LANGUAGES.filter((l) => present.has(l));
  const others = [...present].filter((l) => !(ROUTER_LANGUAGES as readonly string[]).includes(l)).sort();
  return [...router, ...others];
}

export function examplesToSqlTable(examples: readonly Example[]): Table {
  const text = (fn: (e: Example) => string | null) => buildVector(new Utf8(), examples.map(fn));
  const columns: Record<string, Vector> = {
    row: buildVector(new Int32(), examples.map((e) => e.index)),
    question: text((e) => e.question),
    answer: text((e) => e.answer),
    topic: text((e) => e.topic),
    language: text((e) => e.language),
    region: text((e) => (e.regions.length ? e.regions.join(', ') : null)),
    split: text((e) => e.split ?? null),
    data_source: text((e) => e.dataSource || null),
  };
  for (const l of referenceColumns(examples)) columns[`ref_${l.replace(/[^a-z0-9]/gi, '_')}`] = text((e) => e.references[l] ?? null);
  return new Table(columns);
}

/** Arrow IPC stream bytes of the SQL table, for DuckDB's insertArrowFromIPCStream. */
export function examplesToSqlIpc(examples: readonly Example[]): Uint8Array {
  return tableToIPC(examplesToSqlTable(examples), 'stream');
}
