// Reads a run folder's metrics.jsonl (our CLI's): one JSON object per step, either
// {"step": S, "metrics": {"critic/score/mean": ...}} or flat {"step": S, "critic/score/mean": ...}.
// Malformed lines are listed with their 1-based line number; the rest loads. Names our older files
// used for our own metrics are read under today's `studio/` names (lrpo/grpo/metrics.ts).

import type { Problem } from '../../../../data/example';
import { brief, clipText } from '../../../../data/brief';
import { decodeUtf8Lines, withUtf8Problems } from '../../../../data/utf8-lines';
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

/** The file's bytes (use this for a File): a line that is not UTF-8 is listed and skipped, the rest loads. */
export function readMetricsJsonlBytes(bytes: Uint8Array, file: string): MetricsRead {
  const { text, badLines } = decodeUtf8Lines(bytes);
  const r = readMetricsJsonl(text, file);
  return { rows: r.rows, problems: withUtf8Problems(r.problems, badLines, file, 'row') };
}

export function readMetricsJsonl(text: string, file: string): MetricsRead {
  const rows: MetricsRow[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const row = i + 1;
    if (!raw.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      const nan = /\b(NaN|-?Infinity)\b/.test(raw) ? '; it contains NaN or Infinity, which JSON does not allow (write null for a value not measured)' : '';
      return void problems.push({ file, row, reason: `not valid JSON (${clipText((e as Error).message, 160)})${nan}` });
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
      return void problems.push({ file, row, reason: 'a line must be a JSON object' });
    const o = obj as Record<string, unknown>;
    if (typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0)
      return void problems.push({ file, row, field: 'step', reason: `step is ${brief(o.step)}, not a non-negative integer` });
    const src = typeof o.metrics === 'object' && o.metrics !== null && !Array.isArray(o.metrics) ? (o.metrics as Record<string, unknown>) : o;
    const metrics: Record<string, number> = {};
    for (const [k, v] of Object.entries(src)) {
      if (k === 'step' || k === 'metrics') continue;
      // NaN cannot appear in JSON and null means "not measured"; a literal like 1e400 overflows to Infinity
      if (typeof v === 'number' && Number.isFinite(v)) metrics[currentMetricName(k)] = v;
      else if (typeof v === 'number') problems.push({ file, row, field: clipText(k), reason: `value overflows to ${v} (not a finite number); left out` });
    }
    if (Object.keys(metrics).length === 0)
      return void problems.push({ file, row, field: 'metrics', reason: 'no numeric metrics on this line' });
    rows.push({ step: o.step, metrics });
  });
  rows.sort((a, b) => a.step - b.step);
  return { rows, problems };
}
