// Mean-shift calibration of similarities per unordered language pair, from the reference's
// statistics CSV (columns lang_a, lang_b, count, mean, std; other columns ignored, any order):
//   mu_ref = Σ count·mean / Σ count over all rows,
//   s_cal  = clip(s − (mu_pair − mu_ref), −1, 1), and a pair missing from the table leaves s unchanged.
// Parsing never throws on bad content: every unusable line becomes a Problem naming the file, the
// 1-based line (Problem.line) and the field; the good lines are kept.

import type { Problem } from '../../data/example';
import { toLanguageCode } from '../../data/languages';
import { csvField, parseCsv } from '../../data/csv';
import { clipText } from '../../data/brief';

export interface PairStats {
  langA: string;
  langB: string;
  count: number;
  mean: number;
  std: number;
}

export interface PairStatsTable {
  /** keyed by pairKey(a, b) (order-free) */
  pairs: Map<string, PairStats>;
  /** count-weighted mean of all pair means (0 for an empty table) */
  muRef: number;
}

const PAIR_STATS_COLUMNS = ['lang_a', 'lang_b', 'count', 'mean', 'std'] as const;

/** Order-free key of a language pair. */
export function pairKey(a: string, b: string): string {
  return a <= b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * A language as a table names it: an ISO code or English name we know -> its code; another
 * 2–3 letter code (optionally with a region/script subtag) is kept lowercased; anything else is null.
 */
export function tableLanguage(value: string): string | null {
  const known = toLanguageCode(value);
  if (known) return known;
  const v = value.trim().toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(v) ? v : null;
}

function buildPairStatsTable(rows: readonly PairStats[]): PairStatsTable {
  const pairs = new Map<string, PairStats>();
  let total = 0;
  let weighted = 0;
  for (const r of rows) {
    const key = pairKey(r.langA, r.langB);
    if (pairs.has(key)) continue;
    pairs.set(key, r);
    total += r.count;
    weighted += r.count * r.mean;
  }
  return { pairs, muRef: total > 0 ? weighted / total : 0 };
}

function parseNumberField(raw: string): number | null {
  const t = raw.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** `skipLines`: 1-based lines the caller has already reported (e.g. not UTF-8); a record covering one is left out. */
export function parsePairStats(csvText: string, fileName: string, skipLines: readonly number[] = []): { table: PairStatsTable; problems: Problem[] } {
  const skip = new Set(skipLines);
  const problems: Problem[] = [];
  const bad = (line: number, field: string | undefined, reason: string) =>
    problems.push({ file: fileName, line, ...(field ? { field } : {}), reason });
  const { records, problems: csvProblems } = parseCsv(csvText);
  for (const p of csvProblems) bad(p.line, undefined, `${p.reason} (this record is ignored)`);
  if (records.length === 0) {
    bad(1, undefined, `empty file, expected a header ${PAIR_STATS_COLUMNS.join(',')}`);
    return { table: buildPairStatsTable([]), problems };
  }
  const [header, ...body] = records;
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col: Record<string, number> = {};
  for (const c of PAIR_STATS_COLUMNS) {
    col[c] = names.indexOf(c);
    if (col[c] < 0) bad(header.line, c, `the header has no column '${c}' (found: ${clipText(names.join(', '), 200) || 'nothing'})`);
  }
  if (PAIR_STATS_COLUMNS.some((c) => col[c] < 0)) return { table: buildPairStatsTable([]), problems };

  const rows: PairStats[] = [];
  const seen = new Map<string, number>();
  for (const rec of body) {
    const { line, fields } = rec;
    if (skip.size && coversLine(rec, skip)) continue;
    if (fields.length !== names.length) {
      bad(line, undefined, `${fields.length} fields, the header has ${names.length}`);
      continue;
    }
    const get = (c: string) => fields[col[c]];
    const shown = (c: string) => (get(c).length > 40 ? `${get(c).slice(0, 40)}…` : get(c));
    let ok = true;
    const fail = (field: string, reason: string) => {
      bad(line, field, reason);
      ok = false;
    };
    const langA = tableLanguage(get('lang_a'));
    if (!langA) fail('lang_a', `'${shown('lang_a')}' is not a language code`);
    const langB = tableLanguage(get('lang_b'));
    if (!langB) fail('lang_b', `'${shown('lang_b')}' is not a language code`);
    const count = parseNumberField(get('count'));
    if (count === null || !Number.isInteger(count) || count < 1) fail('count', `'${shown('count')}' is not a positive integer`);
    const mean = parseNumberField(get('mean'));
    if (mean === null || mean < -1 || mean > 1) fail('mean', `'${shown('mean')}' is not a number in [-1, 1]`);
    const std = parseNumberField(get('std'));
    if (std === null || std < 0) fail('std', `'${shown('std')}' is not a non-negative number`);
    if (!ok) continue;
    const key = pairKey(langA!, langB!);
    const first = seen.get(key);
    if (first !== undefined) {
      bad(line, 'lang_a', `pair ${langA}-${langB} already given on line ${first} (this line is ignored)`);
      continue;
    }
    seen.set(key, line);
    rows.push({ langA: langA!, langB: langB!, count: count!, mean: mean!, std: std! });
  }
  return { table: buildPairStatsTable(rows), problems };
}

/** True when the record (which may span lines inside quoted fields) covers one of `lines`. */
function coversLine(rec: { line: number; fields: string[] }, lines: ReadonlySet<number>): boolean {
  let end = rec.line;
  for (const f of rec.fields) end += f.match(/\r\n|\r|\n/g)?.length ?? 0;
  for (let l = rec.line; l <= end; l++) if (lines.has(l)) return true;
  return false;
}

/** The reference's CSV: header lang_a,lang_b,count,mean,std and one row per pair. */
export function formatPairStatsCsv(rows: readonly PairStats[]): string {
  const lines = [PAIR_STATS_COLUMNS.join(',')];
  for (const r of rows)
    lines.push([csvField(r.langA), csvField(r.langB), String(r.count), String(r.mean), String(r.std)].join(','));
  return lines.join('\n') + '\n';
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** s_cal = clip(s − (mu_pair − mu_ref), −1, 1); s unchanged when the pair is not in the table. */
export function meanShift(s: number, langA: string, langB: string, table: PairStatsTable): number {
  const pair = table.pairs.get(pairKey(langA, langB));
  if (!pair) return s;
  return clip(s - (pair.mean - table.muRef), -1, 1);
}
