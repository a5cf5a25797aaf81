import { describe, expect, it } from 'vitest';
import { readMetricsJsonl } from './metrics-jsonl-reader';

describe('readMetricsJsonl', () => {
  it('reads nested and flat lines, lists malformed lines with numbers', () => {
    const text = [
      '{"step": 1, "metrics": {"critic/score/mean": 0.25, "actor/entropy": 3.1}}',
      '{"step": 2, "critic/score/mean": 0.5, "note": "x"}',
      '{"step": "3"}',
      'oops',
      '{"step": 4, "metrics": {}}',
    ].join('\n');
    const r = readMetricsJsonl(text, 'metrics.jsonl');
    expect(r.rows).toEqual([
      { step: 1, metrics: { 'critic/score/mean': 0.25, 'actor/entropy': 3.1 } },
      { step: 2, metrics: { 'critic/score/mean': 0.5 } },
    ]);
    expect(r.problems.map((p) => [p.row, p.field ?? null])).toEqual([[3, 'step'], [4, null], [5, 'metrics']]);
  });
});
