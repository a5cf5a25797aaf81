// Reads a predictions file (parquet, JSONL/JSON or CSV/TSV, chosen by extension) into records and
// the list of columns. Text must be UTF-8: in a JSONL, CSV or TSV file a line that is not is named
// and skipped (the other lines load); a JSON array file that is not gets one problem naming the line.
// Reading never throws: problems come back as values with the file and line/row.
import type { Problem } from '../data/example';
import { readJsonlLines } from '../data/jsonl-lines';
import { clipText } from '../data/brief';
import { decodeUtf8Lines, NOT_UTF8 } from '../data/utf8-lines';
import { parseCsv } from '../data/csv';
import type { SourceRecord } from './load';

export interface SourceTable {
  columns: string[];
  records: SourceRecord[];
  problems: Problem[];
}

export type SourceFormat = 'parquet' | 'jsonl' | 'json' | 'csv' | 'tsv';

export function formatOf(fileName: string): SourceFormat | null {
  const n = fileName.toLowerCase();
  if (n.endsWith('.parquet') || n.endsWith('.pq')) return 'parquet';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson')) return 'jsonl';
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.tsv')) return 'tsv';
  return null;
}

/** Decodes UTF-8 strictly; on bad bytes names the first line that holds them. */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const dec = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          dec.decode(bytes.subarray(start, i));
        } catch {
          return { problem: { file, reason: `line ${line}: the file is not valid UTF-8 text (save it as UTF-8)` } };
        }
        line++;
        start = i + 1;
      }
    }
    return { problem: { file, reason: 'the file is not valid UTF-8 text (save it as UTF-8)' } };
  }
}

function columnsOf(records: readonly SourceRecord[]): string[] {
  const cols = new Set<string>();
  for (const r of records) for (const k of Object.keys(r.values)) cols.add(k);
  return [...cols];
}

/** JSON Lines through the one JSONL reader (src/data/jsonl-lines.ts); a lone CR ends a line as in the CSV reader. */
export function readJsonLines(input: Uint8Array | string, file: string): SourceTable {
  const records: SourceRecord[] = [];
  const problems: Problem[] = [];
  const read = readJsonlLines(input, { crIsBreak: true });
  const at = new Map<number, Problem>();
  for (const i of read.issues) at.set(i.line, { file, reason: `line ${i.line}: ${i.reason}` });
  for (const { line, value: v } of read.entries) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      at.set(line, { file, reason: `line ${line}: expected a JSON object, got ${Array.isArray(v) ? 'an array' : typeof v}` });
      continue;
    }
    records.push({ values: v as Record<string, unknown>, line });
  }
  problems.push(...[...at].sort(([a], [b]) => a - b).map(([, p]) => p));
  return { columns: columnsOf(records), records, problems };
}

/** Parquet predictions through the data layer's one parquet path (src/data/parquet). */
async function readParquetSource(bytes: Uint8Array, file: string): Promise<SourceTable> {
  try {
    const { readParquetRows } = await import('../data/parquet/read-parquet');
    const { columns, rows } = await readParquetRows(bytes);
    return { columns, records: rows.map((values) => ({ values })), problems: [] };
  } catch (e) {
    return { columns: [], records: [], problems: [{ file, reason: `not a readable parquet file: ${clipText(String((e as Error)?.message ?? e), 200)}` }] };
  }
}

function readJsonArray(text: string, file: string): SourceTable {
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // a .json file holding JSON Lines is common; fall back to it
    const asLines = readJsonLines(text, file);
    if (asLines.records.length) return asLines;
    return { columns: [], records: [], problems: [{ file, reason: `not valid JSON (${(e as Error).message.slice(0, 120)})` }] };
  }
  if (!Array.isArray(v)) return { columns: [], records: [], problems: [{ file, reason: 'expected a JSON array of objects' }] };
  const records: SourceRecord[] = [];
  const problems: Problem[] = [];
  v.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) problems.push({ file, row: i, reason: `item ${i} is not an object` });
    else records.push({ values: item as Record<string, unknown> });
  });
  return { columns: columnsOf(records), records, problems };
}

function readDelimited(text: string, file: string, delimiter: ',' | '\t'): SourceTable {
  const { records: recs, problems: csvProblems } = parseCsv(text, delimiter);
  const problems: Problem[] = csvProblems.map((p) => ({ file, reason: `line ${p.line}: ${p.reason}` }));
  if (!recs.length) {
    problems.push({ file, reason: 'the file has no header line' });
    return { columns: [], records: [], problems };
  }
  const header = recs[0].fields.map((h) => h.trim());
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) problems.push({ file, reason: `line 1: column '${dup}' appears twice; the first is used` });
  const records: SourceRecord[] = [];
  for (const r of recs.slice(1)) {
    if (r.fields.length !== header.length) {
      problems.push({ file, row: records.length, reason: `line ${r.line}: ${r.fields.length} fields, the header has ${header.length}` });
      continue;
    }
    const values: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (!(h in values)) values[h] = r.fields[i];
    });
    records.push({ values, line: r.line });
  }
  return { columns: header.filter((h, i) => header.indexOf(h) === i), records, problems };
}

/** Reads any supported file. Parquet is read lazily (its wasm loads only when needed). */
export async function readSource(file: string, bytes: Uint8Array): Promise<SourceTable> {
  const format = formatOf(file);
  if (!format) {
    return { columns: [], records: [], problems: [{ file, reason: 'unknown file type; use .parquet, .jsonl, .json, .csv or .tsv' }] };
  }
  if (format === 'parquet') {
    return readParquetSource(bytes, file);
  }
  if (format === 'json') {
    // one JSON document: a bad line cannot be left out of it
    const decoded = decodeUtf8(bytes, file);
    if ('problem' in decoded) return { columns: [], records: [], problems: [decoded.problem] };
    return readJsonArray(decoded.text, file);
  }
  if (format === 'jsonl') return readJsonLines(bytes, file);
  // line by line: lone CR is a line end as in the JSONL reader
  const { text, badLines } = decodeUtf8Lines(bytes, { crIsBreak: true });
  const delimiter = format === 'csv' ? ',' : '\t';
  if (!badLines.length) return readDelimited(text, file, delimiter);
  // A quoted CSV field may span lines, so a blanked line could break the quoting of its neighbours.
  // The structure is read from the text with U+FFFD in place of the bad bytes (quotes, delimiters
  // and line breaks are never part of a bad sequence, so they stay where they are), and every
  // record that covers a bad line is left out.
  const table = readDelimited(new TextDecoder().decode(bytes), file, delimiter);
  return withUtf8Lines({ ...table, records: withoutBadSpans(table.records, badLines) }, badLines, file);
}

function withUtf8Lines(table: SourceTable, badLines: readonly number[], file: string): SourceTable {
  if (!badLines.length) return table;
  const lineOf = (p: Problem) => Number(/^line (\d+):/.exec(p.reason)?.[1] ?? 0);
  const problems = [...table.problems, ...badLines.map((n): Problem => ({ file, reason: `line ${n}: ${NOT_UTF8}` }))];
  return { ...table, problems: problems.sort((a, b) => lineOf(a) - lineOf(b)) };
}

/** Records (in line order) that do not cover any of the bad lines (ascending). */
function withoutBadSpans(records: SourceRecord[], badLines: readonly number[]): SourceRecord[] {
  let k = 0;
  return records.filter((r) => {
    const start = r.line ?? 0;
    while (k < badLines.length && badLines[k] < start) k++;
    if (k >= badLines.length) return true;
    let end = start;
    for (const v of Object.values(r.values)) if (typeof v === 'string') end += v.match(/\r\n|\r|\n/g)?.length ?? 0;
    return badLines[k] > end;
  });
}
