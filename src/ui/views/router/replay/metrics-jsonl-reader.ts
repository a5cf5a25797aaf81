// Reads a run folder's metrics.jsonl (our CLI's): one JSON object per step, either
// {"step": S, "metrics": {"critic/score/mean": ...}} or flat {"step": S, "critic/score/mean": ...}.
// Read by the one JSONL reader (src/data/jsonl-lines.ts); malformed lines are listed with their
// 1-based line number; the rest loads. Names our older files used for our own metrics are read
// under today's `studio/` names (lrpo/grpo/metrics.ts).

import type { Problem } from '../../../../data/example';
import { brief, clipText } from '../../../../data/brief';
import { readJsonlLines } from '../../../../data/jsonl-lines';
import { currentMetricName } from '../../../../lrpo/grpo/metrics';

export interface MetricsRow {
  step: number;
  metrics: Record<string, number>;
}

export interface MetricsRead {
  rows: MetricsRow[];
  /** row = 1-based line */
  problems: Problem[];
}

/** A metrics.jsonl's bytes (use these for a File: a line that is not UTF-8 is listed and skipped) or text. */
export function readMetricsJsonl(input: Uint8Array | string, file: string): MetricsRead {
  const rows: MetricsRow[] = [];
  const problems: Problem[] = [];
  const read = readJsonlLines(input);
  for (const i of read.issues) problems.push({ file, row: i.line, reason: i.reason });
  for (const { line: row, value: obj } of read.entries) {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      problems.push({ file, row, reason: 'a line must be a JSON object' });
      continue;
    }
    const o = obj as Record<string, unknown>;
    if (typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0) {
      problems.push({ file, row, field: 'step', reason: `step is ${brief(o.step)}, not a non-negative integer` });
      continue;
    }
    const src = typeof o.metrics === 'object' && o.metrics !== null && !Array.isArray(o.metrics) ? (o.metrics as Record<string, unknown>) : o;
    const metrics: Record<string, number> = {};
    for (const [k, v] of Object.entries(src)) {
      if (k === 'step' || k === 'metrics') continue;
      // NaN cannot appear in JSON and null means "not measured"; a literal like 1e400 overflows to Infinity
      if (typeof v === 'number' && Number.isFinite(v)) metrics[currentMetricName(k)] = v;
      else if (typeof v === 'number') problems.push({ file, row, field: clipText(k), reason: `value overflows to ${v} (not a finite number); left out` });
    }
    if (Object.keys(metrics).length === 0) {
      problems.push({ file, row, field: 'metrics', reason: 'no numeric metrics on this line' });
      continue;
    }
    rows.push({ step: o.step, metrics });
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  rows.sort((a, b) => a.step - b.step);
  return { rows, problems };
}
