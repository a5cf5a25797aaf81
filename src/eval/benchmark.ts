// Opening a benchmark as published (CARE (Pro): `geyang627/care_pro`, JSON / JSONL / parquet files
// under data/, one per language or one for all): the files are read with the usual readers, the
// question's language is taken from the file name when a file has no language column, and the
// records are merged into one JSONL table (with a `source_file` column) that the Evaluate view
// loads like any predictions file. Files without a prediction column load as questions only:
// generate predictions with the current model, then judge them.
import type { Problem } from '../data/example';
import { toLanguageCode } from '../data/languages';
import { mapColumns } from './columns';
import { formatOf, readSource } from './read-source';

export interface BenchmarkFile {
  /** path inside the folder or repository, e.g. data/chinese.json */
  path: string;
  bytes: Uint8Array;
}

export interface MergedBenchmark {
  /** the merged table as JSONL (what the view loads and the session keeps) */
  bytes: Uint8Array;
  records: number;
  /** the files read, with how many records each gave and the language taken from its name (if used) */
  files: { path: string; records: number; languageFromName: string | null }[];
  problems: Problem[];
}

/** A language named by a file name ("data/chinese.json", "care_pro_hi.jsonl"), or null. */
export function languageFromFileName(path: string): string | null {
  const base = path.split('/').pop()!.replace(/\.[^.]+$/, '').toLowerCase();
  const tokens = base.split(/[^a-z]+/).filter(Boolean);
  for (const t of tokens) if (t.length > 2 && toLanguageCode(t)) return toLanguageCode(t);
  for (const t of [...tokens].reverse()) if (t.length === 2 && toLanguageCode(t)) return toLanguageCode(t);
  return null;
}

/** Files a benchmark folder or repository offers that the studio can read (README etc. left out). */
export function benchmarkFilePaths(paths: readonly string[]): string[] {
  return paths.filter((p) => {
    const f = formatOf(p);
    return (f === 'json' || f === 'jsonl' || f === 'parquet' || f === 'csv' || f === 'tsv') && !/(^|\/)\./.test(p);
  }).sort();
}

/** JSON cannot hold bigint (parquet int64): such values become numbers when exact, else text. */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}

export async function mergeBenchmarkFiles(files: readonly BenchmarkFile[]): Promise<MergedBenchmark> {
  const lines: string[] = [];
  const problems: Problem[] = [];
  const out: MergedBenchmark['files'] = [];
  for (const f of files) {
    const table = await readSource(f.path, f.bytes);
    problems.push(...table.problems);
    const hasLanguage = !!mapColumns(table.columns).language;
    const fromName = hasLanguage ? null : languageFromFileName(f.path);
    if (!hasLanguage && !fromName && table.records.length) {
      problems.push({ file: f.path, field: 'language', reason: 'no language column, and the file name names no language; pick the language column after loading' });
    }
    for (const r of table.records) {
      const values: Record<string, unknown> = { ...(jsonSafe(r.values) as Record<string, unknown>), source_file: f.path };
      if (fromName) values.language = fromName;
      lines.push(JSON.stringify(values));
    }
    out.push({ path: f.path, records: table.records.length, languageFromName: fromName });
  }
  return { bytes: new TextEncoder().encode(lines.join('\n') + (lines.length ? '\n' : '')), records: lines.length, files: out, problems };
}
