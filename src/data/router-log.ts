// The router JSONL log, as the reference verl trainer writes it (and as we write it):
//   {"step": S, "probs": {"topic:<name>": {"softmax": {lang: p}, "effective": {lang: p}}, "region:<name>": ...}}
// One JSON object per line. The reader keeps every good line and lists each bad one with its
// 1-based line number and the field that is wrong; other top-level fields are ignored.

import type { Problem } from './example';
import { brief, clipText } from './brief';
import { decodeUtf8Lines, withUtf8Problems } from './utf8-lines';

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
}

/** One JSONL line with the reference's key order (step, probs). */
export function formatRouterLogLine(line: RouterLogLine): string {
  return JSON.stringify({ step: line.step, probs: line.probs });
}

export function parseRouterLog(text: string, file?: string): ParsedRouterLog {
  const lines: RouterLogLine[] = [];
  const problems: Problem[] = [];
  const languages = new Set<string>();
  const keys = new Set<string>();
  const rows = text.split(/\r?\n/);
  rows.forEach((raw, i) => {
    const lineNo = i + 1;
    const src = raw.trim();
    if (!src) return;
    const bad = (field: string | undefined, reason: string) => problems.push({ ...(file ? { file } : {}), row: lineNo, ...(field ? { field } : {}), reason });
    let obj: unknown;
    try {
      obj = JSON.parse(src);
    } catch (e) {
      bad(undefined, `line ${lineNo} is not valid JSON (${clipText((e as Error).message, 160)})${/\bNaN\b|Infinity/.test(src) ? '; it contains NaN or Infinity, which JSON does not allow' : ''}`);
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return void bad(undefined, 'a log line must be a JSON object');
    const o = obj as Record<string, unknown>;
    if (typeof o.step !== 'number' || !Number.isInteger(o.step) || o.step < 0) return void bad('step', `must be a non-negative integer, got ${brief(o.step)}`);
    if (typeof o.probs !== 'object' || o.probs === null || Array.isArray(o.probs)) return void bad('probs', 'must be an object of "topic:<name>" / "region:<name>" entries');
    const probs: Record<string, RouterLogEntry> = {};
    for (const [key, entry] of Object.entries(o.probs as Record<string, unknown>)) {
      const at = `probs.${clipText(key)}`;
      if (!/^(topic|region):/.test(key)) return void bad(at, 'keys must start with "topic:" or "region:"');
      const e = entry as Record<string, unknown> | null;
      if (typeof e !== 'object' || e === null || Array.isArray(e)) return void bad(at, 'must be an object with "softmax" and "effective"');
      const parsed: Partial<RouterLogEntry> = {};
      for (const part of ['softmax', 'effective'] as const) {
        const dist = e[part];
        if (typeof dist !== 'object' || dist === null || Array.isArray(dist)) return void bad(`${at}.${part}`, 'must be an object of language -> probability');
        const out: Record<string, number> = {};
        for (const [lang, p] of Object.entries(dist as Record<string, unknown>)) {
          if (typeof p !== 'number' || !Number.isFinite(p) || p < -1e-9 || p > 1 + 1e-9) {
            return void bad(`${at}.${part}.${clipText(lang)}`, `must be a probability in [0, 1], got ${brief(p)}`);
          }
          out[lang] = p;
        }
        parsed[part] = out;
      }
      probs[key] = parsed as RouterLogEntry;
    }
    for (const [key, e] of Object.entries(probs)) {
      keys.add(key);
      for (const l of Object.keys(e.softmax)) languages.add(l);
    }
    lines.push({ step: o.step, probs });
  });
  return { lines, problems, languages: [...languages], keys: [...keys] };
}

/**
 * The log read from its bytes: a line that is not UTF-8 is listed ("not valid UTF-8 text", row =
 * its 1-based line) instead of being read with U+FFFD in it; every other line loads as from text.
 */
export function parseRouterLogBytes(bytes: Uint8Array, file?: string): ParsedRouterLog {
  const { text, badLines } = decodeUtf8Lines(bytes);
  const parsed = parseRouterLog(text, file);
  return { ...parsed, problems: withUtf8Problems(parsed.problems, badLines, file, 'row') };
}
