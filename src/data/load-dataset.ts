// One entry point for every dataset file that comes in (parquet, JSONL, JSON array): detects the
// format from the bytes, reads rows, checks required columns, normalizes rows. Never throws for bad
// input: every problem is returned with the file name and, where there is one, the row/line and field.
import type { Example, Problem } from './example.ts';
import { missingColumnProblems, normalizeRows } from './schema.ts';
import { parseJsonArray, parseJsonl, type TextRows } from './jsonl.ts';
import { FileProblemError, hasParquetMagic, readParquetRows } from './parquet/read-parquet.ts';

export type DatasetFormat = 'parquet' | 'jsonl' | 'json';

/** Largest file accepted (bytes); larger files are refused with a message, nothing is read. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export interface LoadedDataset {
  fileName: string;
  format: DatasetFormat | null;
  /** rows in the file (0 when the file itself could not be read) */
  rowCount: number;
  columns: string[];
  examples: Example[];
  problems: Problem[];
}

/** True when at least one row is usable. */
export function isUsable(d: LoadedDataset): boolean {
  return d.examples.length > 0;
}

const SIGNATURES: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Office document)'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x41, 0x52, 0x52, 0x4f, 0x57, 0x31], 'an Arrow IPC file'],
];

function looksLike(bytes: Uint8Array): string | null {
  for (const [sig, what] of SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return what;
  return null;
}

function hexStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i];
}

function fail(fileName: string, format: DatasetFormat | null, reason: string, field?: string): LoadedDataset {
  const p: Problem = { file: fileName, reason };
  if (field) p.field = field;
  return { fileName, format, rowCount: 0, columns: [], examples: [], problems: [p] };
}

function keysOf(rows: readonly unknown[]): { columns: string[]; extraInfoFields: string[] } {
  const columns = new Set<string>();
  const extra = new Set<string>();
  for (const r of rows) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    for (const k of Object.keys(r)) columns.add(k);
    const ei = (r as Record<string, unknown>).extra_info;
    if (typeof ei === 'object' && ei !== null && !Array.isArray(ei)) {
      for (const [k, v] of Object.entries(ei)) if (v !== null && v !== undefined) extra.add(k);
    }
  }
  return { columns: [...columns], extraInfoFields: [...extra] };
}

function finish(
  fileName: string, format: DatasetFormat, rows: readonly unknown[], columns: string[], extraInfoFields: string[],
  readProblems: Problem[], lines?: number[],
): LoadedDataset {
  // lines that could not even be read as a row count as rows too (unusable ones)
  const base = { fileName, format, rowCount: rows.length + readProblems.filter((p) => p.line !== undefined).length, columns };
  if (rows.length === 0) {
    const problems = readProblems.length ? readProblems : [{ file: fileName, reason: 'the file has no rows' }];
    return { ...base, examples: [], problems };
  }
  const missing = missingColumnProblems(columns, fileName, extraInfoFields);
  if (missing.length) return { ...base, examples: [], problems: [...missing, ...readProblems] };
  const { examples, problems } = normalizeRows(rows, lines ? { file: fileName, lines } : { file: fileName });
  const order = (p: Problem) => p.row ?? p.line ?? -1;
  return { ...base, examples, problems: [...readProblems, ...problems].sort((a, b) => order(a) - order(b)) };
}

export async function loadDataset(bytes: Uint8Array, fileName: string): Promise<LoadedDataset> {
  if (bytes.length === 0) return fail(fileName, null, 'the file is empty');
  if (bytes.length > MAX_FILE_BYTES) {
    return fail(fileName, null, `the file is ${bytes.length} bytes, more than the limit of ${MAX_FILE_BYTES}`);
  }
  const lower = fileName.toLowerCase();
  if (hasParquetMagic(bytes)) {
    try {
      const { rows, columns, extraInfoFields } = await readParquetRows(bytes);
      return finish(fileName, 'parquet', rows, columns, extraInfoFields, []);
    } catch (e) {
      if (e instanceof FileProblemError) return fail(fileName, 'parquet', e.message);
      return fail(fileName, 'parquet', `could not read the parquet file: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const kind = looksLike(bytes);
  if (lower.endsWith('.parquet')) {
    return fail(fileName, 'parquet', `not a parquet file: it does not start with PAR1${kind ? ` (it looks like ${kind})` : ''}`);
  }
  if (kind) return fail(fileName, null, `not a parquet or JSONL dataset: it looks like ${kind}`);
  const first = firstNonSpace(bytes);
  if (first === undefined) return fail(fileName, null, 'the file is empty (only whitespace)');
  let read: TextRows;
  let format: DatasetFormat;
  if (first === 0x7b /* { */) {
    read = parseJsonl(bytes, fileName);
    format = 'jsonl';
  } else if (first === 0x5b /* [ */) {
    read = parseJsonArray(bytes, fileName);
    format = 'json';
  } else {
    return fail(fileName, null, `not a parquet or JSONL dataset (it starts with bytes ${hexStart(bytes)})`);
  }
  const { columns, extraInfoFields } = keysOf(read.rows);
  return finish(fileName, format, read.rows, columns, extraInfoFields, read.problems, read.lines);
}
