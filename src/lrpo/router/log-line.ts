// The router JSONL log line, in the reference's schema:
//   {"step": S, "probs": {"topic:<name>": {"softmax": {lang: p}, "effective": {lang: p}}, "region:<name>": ...}}
// `softmax` is the row's own distribution (softmax(row / tau) for the reference router) and
// `effective` = (1 - eps) * softmax + eps / L. The caller picks the rows: the first
// `lang_policy_log_max_keys` topic rows and, separately, the first that many region rows (table order).

import { formatRouterLogLine } from '../../data/router-log';
import type { RouterLogLine } from './types';

export interface LogRow {
  /** "topic:<name>" or "region:<name>" */
  key: string;
  softmax: ArrayLike<number>;
}

export function effectiveFrom(softmax: ArrayLike<number>, eps: number): Float64Array {
  const L = softmax.length;
  const out = new Float64Array(L);
  for (let i = 0; i < L; i++) out[i] = (1 - eps) * softmax[i] + eps / L;
  return out;
}

export function buildLogLine(step: number, rows: readonly LogRow[], eps: number, languages: readonly string[]): RouterLogLine {
  const probs: RouterLogLine['probs'] = {};
  for (const r of rows) {
    const eff = effectiveFrom(r.softmax, eps);
    const softmax: Record<string, number> = {};
    const effective: Record<string, number> = {};
    languages.forEach((lang, i) => {
      softmax[lang] = r.softmax[i];
      effective[lang] = eff[i];
    });
    probs[r.key] = { softmax, effective };
  }
  return { step, probs };
}

/** One JSONL line (keys in the reference's order: step, probs). */
export const formatLogLine = formatRouterLogLine;
