// Exports judged rows and the summary as CSV or JSONL. Rows carry only data and verdicts; the judge
// endpoint's API key is never part of a row or a summary, so it cannot reach an export.
import { writeCsv } from '../data/csv';
import { LABEL_TO_LETTER } from './labels';
import { COUNT_KEYS, FLAG_MIN_PROB, languageFlag, type GroupStats, type Summary } from './metrics';
import type { DetectedLanguage, PredictionRow } from './types';

export const ROW_COLUMNS = [
  'id', 'index', 'question', 'target', 'prediction', 'language', 'region', 'setting', 'seen_language',
  'label', 'letter', 'judge_model', 'judge_raw', 'judge_reason', 'cached', 'detected_language', 'detected_prob', 'language_flag',
] as const;

export interface ExportContext {
  seenLanguages?: readonly string[];
  detections?: ReadonlyMap<string, DetectedLanguage | null>;
}

function rowRecord(r: PredictionRow, ctx: ExportContext = {}): Record<(typeof ROW_COLUMNS)[number], string | number | boolean | null> {
  const v = r.verdict;
  const d = ctx.detections?.get(r.id) ?? null;
  return {
    id: r.id,
    index: r.index,
    question: r.question,
    target: r.target,
    prediction: r.prediction,
    language: r.language,
    region: r.region,
    setting: r.setting,
    seen_language: (ctx.seenLanguages ?? []).includes(r.language),
    label: v?.label ?? null,
    letter: v && v.label !== 'UNPARSEABLE' ? LABEL_TO_LETTER[v.label] : null,
    judge_model: v?.model ?? null,
    judge_raw: v?.raw ?? null,
    judge_reason: v?.reason ?? null,
    cached: v?.cached ?? false,
    detected_language: d?.lang ?? null,
    detected_prob: d ? d.prob : null,
    language_flag: d ? languageFlag(r, d) : null,
  };
}

const cell = (v: string | number | boolean | null): string => (v === null ? '' : String(v));

export function rowsToJsonl(rows: readonly PredictionRow[], ctx: ExportContext = {}): string {
  return rows.map((r) => JSON.stringify(rowRecord(r, ctx)) + '\n').join('');
}

export function rowsToCsv(rows: readonly PredictionRow[], ctx: ExportContext = {}): string {
  return writeCsv([[...ROW_COLUMNS], ...rows.map((r) => ROW_COLUMNS.map((c) => cell(rowRecord(r, ctx)[c])))]);
}

const GROUP_COLUMNS = ['breakdown', 'group', 'n', 'correct', 'accuracy', ...COUNT_KEYS] as const;

function groupLine(breakdown: string, g: GroupStats): string[] {
  return [breakdown, g.key, String(g.n), String(g.correct), String(g.accuracy), ...COUNT_KEYS.map((k) => String(g.counts[k]))];
}

function groups(s: Summary): [string, GroupStats][] {
  return [
    ['overall', s.overall] as [string, GroupStats],
    ...s.byLanguage.map((g) => ['language', g] as [string, GroupStats]),
    ...s.byRegion.map((g) => ['region', g] as [string, GroupStats]),
    ...s.bySetting.map((g) => ['setting', g] as [string, GroupStats]),
    ...s.bySeen.map((g) => ['seen', g] as [string, GroupStats]),
  ];
}

/** Summary as CSV: one line per group (overall, each language, region, setting, seen/unseen). */
export function summaryToCsv(s: Summary): string {
  return writeCsv([[...GROUP_COLUMNS], ...groups(s).map(([b, g]) => groupLine(b, g))]);
}

/** Summary as JSONL: one object per group, then one line with the run-level facts. */
export function summaryToJsonl(s: Summary, meta: Record<string, string | number | boolean | null> = {}): string {
  const lines = groups(s).map(([b, g]) => JSON.stringify({ breakdown: b, group: g.key, n: g.n, correct: g.correct, accuracy: g.accuracy, counts: g.counts }));
  lines.push(
    JSON.stringify({
      breakdown: 'run',
      seen_languages: s.seenLanguages,
      language_mismatches: s.languageMismatches,
      detector_checked: s.detectorChecked,
      ...meta,
    }),
  );
  return lines.join('\n') + '\n';
}

/** Plain-text summary for the CLI. */
export function summaryText(s: Summary): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const line = (g: GroupStats) =>
    `  ${g.key.padEnd(18)} n=${String(g.n).padStart(5)}  correct=${String(g.correct).padStart(5)}  accuracy=${pct(g.accuracy)}`;
  const out = [
    `accuracy ${s.overall.correct}/${s.overall.n} = ${pct(s.overall.accuracy)}`,
    `labels: ${COUNT_KEYS.filter((k) => s.overall.counts[k] > 0 || k !== 'UNJUDGED').map((k) => `${k}=${s.overall.counts[k]}`).join(' ')}`,
    'by language:', ...s.byLanguage.map(line),
    'by region:', ...s.byRegion.map(line),
    'by setting:', ...s.bySetting.map(line),
    `by seen/unseen language (seen: ${s.seenLanguages.join(',') || 'none marked'}):`, ...s.bySeen.map(line),
  ];
  if (s.detectorChecked) out.push(`language detector (p >= ${FLAG_MIN_PROB}) disagrees with the question's language on ${s.languageMismatches}/${s.detectorChecked} predictions`);
  return out.join('\n');
}
