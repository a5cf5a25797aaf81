// Step metrics as CSV: a `step` column, then every metric name seen (sorted), one row per step.
// Missing values are empty cells; names and values are quoted per RFC 4180 when needed.

export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function metricsToCsv(rows: readonly Record<string, number>[]): string {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (k !== 'step') names.add(k);
  const cols = ['step', ...[...names].sort()];
  const lines = [cols.map(csvCell).join(',')];
  for (const r of rows) lines.push(cols.map((c) => (r[c] === undefined ? '' : String(r[c]))).join(','));
  return lines.join('\n') + '\n';
}
