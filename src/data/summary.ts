// Counts a researcher wants first when opening a dataset, and the same summary as plain text (the
// CLI prints it; the Data view draws the same numbers).
import { formatProblem, type Example } from './example.ts';
import { languageName } from './languages.ts';
import type { LoadedDataset } from './load-dataset.ts';

export interface Count {
  key: string;
  count: number;
}

export interface DatasetSummary {
  rows: number;
  usable: number;
  unusable: number;
  byTopic: Count[];
  byRegion: Count[];
  byLanguage: Count[];
}

/** Region label for examples without one. */
export const NO_REGION = '(none)';

export function countBy(examples: readonly Example[], keys: (e: Example) => readonly string[]): Count[] {
  const m = new Map<string, number>();
  for (const e of examples) for (const k of keys(e)) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function summarize(d: Pick<LoadedDataset, 'rowCount' | 'examples'>): DatasetSummary {
  const ex = d.examples;
  return {
    rows: d.rowCount,
    usable: ex.length,
    unusable: d.rowCount - ex.length,
    byTopic: countBy(ex, (e) => [e.topic]),
    byRegion: countBy(ex, (e) => (e.regions.length ? e.regions : [NO_REGION])),
    byLanguage: countBy(ex, (e) => [e.language]),
  };
}

function table(title: string, counts: Count[], label: (k: string) => string = (k) => k): string[] {
  if (!counts.length) return [`${title}: none`];
  const width = Math.max(...counts.map((c) => label(c.key).length));
  return [`${title}:`, ...counts.map((c) => `  ${label(c.key).padEnd(width)}  ${c.count}`)];
}

/** The text report `lrpo-studio data check` prints. */
export function formatReport(d: LoadedDataset, maxProblems = 20): string {
  const s = summarize(d);
  const lines = [
    `file: ${d.fileName}${d.format ? ` (${d.format})` : ''}`,
    `rows: ${s.rows}  usable: ${s.usable}  unusable: ${s.unusable}`,
  ];
  if (s.usable) {
    lines.push(...table('by topic', s.byTopic));
    lines.push(...table('by region', s.byRegion));
    lines.push(...table('by language', s.byLanguage, (k) => `${k} (${languageName(k)})`));
  }
  if (d.problems.length) {
    lines.push(`problems: ${d.problems.length}`);
    for (const p of d.problems.slice(0, maxProblems)) lines.push(`  ${formatProblem(p)}`);
    if (d.problems.length > maxProblems) lines.push(`  … and ${d.problems.length - maxProblems} more`);
  } else {
    lines.push('problems: none');
  }
  return lines.join('\n');
}
