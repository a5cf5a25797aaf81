// Reads a run folder's metrics.jsonl (our CLI's): one JSON object per step, either
// {"step": S, "metrics": {"critic/score/mean": ...}} or flat {"step": S, "critic/score/mean": ...}.
// Malformed lines are listed with their 1-based line number; the rest loads.

import type { Problem } from '../../../../data/example';

export interface MetricsRow {
  step: number;
  metrics: Record<string, number>;
}

export function readMetricsJsonl(text: string, file: string): { rows: MetricsRow[]; problems: Problem[] } {
  const rows: MetricsRow[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const row = i + 1;
    if (!raw.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      return void problems.push({ file, row, reason: `not valid JSON (${(e as Error).message})` });
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
      return void problems.push({ file, row, reason: 'a line must be a JSON object' });
    const o = obj as Record<string, unknown>;
    if (typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0)
      return void problems.push({ file, row, field: 'step', reason: `step is ${JSON.stringify(o.step)}, not a non-negative integer` });
    const src = typeof o.metrics === 'object' && o.metrics !== null ? (o.metrics as Record<string, unknown>) : o;
    const metrics: Record<string, number> = {};
    for (const [k, v] of Object.entries(src)) {
      if (k === 'step' || k === 'metrics') continue;
      if (typeof v === 'number') metrics[k] = v; // NaN/Infinity cannot appear in JSON; null means "not measured"
      else if (v !== null && typeof v !== 'string' && typeof v !== 'boolean' && typeof v !== 'object')
        problems.push({ file, row, field: k, reason: `value ${JSON.stringify(v)} is not a number` });
    }
    if (Object.keys(metrics).length === 0)
      return void problems.push({ file, row, field: 'metrics', reason: 'no numeric metrics on this line' });
    rows.push({ step: o.step, metrics });
  });
  rows.sort((a, b) => a.step - b.step);
  return { rows, problems };
}
