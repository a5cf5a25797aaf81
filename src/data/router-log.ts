// The router JSONL log, as the reference verl trainer writes it (and as we write it):
//   {"step": S, "probs": {"topic:<name>": {"softmax": {lang: p}, "effective": {lang: p}}, "region:<name>": ...}}
// One JSON object per line (the one JSONL reader, jsonl-lines.ts). The reader keeps every good line and lists each bad one with its
// 1-based line number and the field that is wrong; other top-level fields are ignored.

import type { Problem } from './example';
import { brief, clipText } from './brief';
import { readJsonlLines } from './jsonl-lines';

export interface RouterLogEntry {
  softmax: Record<string, number>;
  effective: Record<string, number>;
}

export interface RouterLogLine {
  step: number;
  probs: Record<string, RouterLogEntry>;
}

export interface ParsedRouterLog {
  lines: RouterLogLine[];
  problems: Problem[];
  /** languages in first-seen order */
  languages: string[];
  /** "topic:<name>" / "region:<name>" keys in first-seen order */
  keys: string[];
  /** non-blank lines read */
  nonBlank: number;
}

/** One JSONL line with the reference's key order (step, probs). */
export function formatRouterLogLine(line: RouterLogLine): string {
  return JSON.stringify({ step: line.step, probs: line.probs });
}

/** One line's object as a log line, or null after calling `bad` with the field and the reason. */
function logLine(obj: unknown, bad: (field: string | undefined, reason: string) => null): RouterLogLine | null {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return bad(undefined, 'a log line must be a JSON object');
  const o = obj as Record<string, unknown>;
  if (typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0) return bad('step', `must be a non-negative integer, got ${brief(o.step)}`);
  if (typeof o.probs !== 'object' || o.probs === null || Array.isArray(o.probs)) return bad('probs', 'must be an object of "topic:<name>" / "region:<name>" entries');
  const probs: Record<string, RouterLogEntry> = {};
  for (const [key, entry] of Object.entries(o.probs as Record<string, unknown>)) {
    const at = `probs.${clipText(key)}`;
    if (!/^(topic|region):/.test(key)) return bad(at, 'keys must start with "topic:" or "region:"');
    const e = entry as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return bad(at, 'must be an object with "softmax" and "effective"');
    const parsed: Partial<RouterLogEntry> = {};
    for (const part of ['softmax', 'effective'] as const) {
      const dist = e[part];
      if (typeof dist !== 'object' || dist === null || Array.isArray(dist)) return bad(`${at}.${part}`, 'must be an object of language -> probability');
      const out: Record<string, number> = {};
      for (const [lang, p] of Object.entries(dist as Record<string, unknown>)) {
        if (typeof p !== 'number' || !Number.isFinite(p) || p < -1e-9 || p > 1 + 1e-9) {
          return bad(`${at}.${part}.${clipText(lang)}`, `must be a probability in [0, 1], got ${brief(p)}`);
        }
        out[lang] = p;
      }
      parsed[part] = out;
    }
    probs[key] = parsed as RouterLogEntry;
  }
  return { step: o.step as number, probs };
}

/**
 * The log from its bytes (a line that is not UTF-8 is listed, not read with U+FFFD in it) or its
 * text, through the one JSONL reader (jsonl-lines.ts); a problem's row is its 1-based line.
 */
export function parseRouterLog(input: Uint8Array | string, file?: string): ParsedRouterLog {
  const lines: RouterLogLine[] = [];
  const problems: Problem[] = [];
  const languages = new Set<string>();
  const keys = new Set<string>();
  const read = readJsonlLines(input);
  const at = (row: number, field: string | undefined, reason: string) => problems.push({ ...(file ? { file } : {}), row, ...(field ? { field } : {}), reason });
  for (const i of read.issues) at(i.line, undefined, i.reason);
  for (const { line: row, value } of read.entries) {
    const l = logLine(value, (field, reason) => (at(row, field, reason), null));
    if (!l) continue;
    for (const [key, e] of Object.entries(l.probs)) {
      keys.add(key);
      for (const lang of Object.keys(e.softmax)) languages.add(lang);
    }
    lines.push(l);
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { lines, problems, languages: [...languages], keys: [...keys], nonBlank: read.nonBlank };
}
