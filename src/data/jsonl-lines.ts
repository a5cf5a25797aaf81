// The one JSON Lines reader: datasets, router logs, metrics.jsonl, predictions, replay observations
// and the playground's reward records all read their lines here. It splits the bytes on LF (a CR
// before it dropped; a lone CR too when asked, as the eval CSV reader does), keeps each line's
// 1-based number and byte offset, drops a UTF-8 BOM at the start, decodes each line strictly (a line
// that is not UTF-8 is an issue, the others are kept), skips blank lines, refuses a line longer than
// the limit without decoding it, and parses each line's JSON, naming NaN or Infinity (Python's
// json.dumps writes them; JSON has neither). What a line must hold is the caller's business; the
// caller turns issues into Problems of its own shape.

import { clipText } from './brief';
import { NOT_UTF8 } from './utf8-lines';

export interface JsonlEntry {
  /** 1-based line number */
  line: number;
  /** byte offset of the line's first byte in the input */
  offset: number;
  value: unknown;
}

export interface JsonlIssue {
  line: number;
  offset: number;
  reason: string;
}

export interface JsonlRead {
  entries: JsonlEntry[];
  issues: JsonlIssue[];
  /** non-blank lines (the entries, the issues) */
  nonBlank: number;
}

export interface JsonlOptions {
  /** a lone CR ends a line too (default: LF only) */
  crIsBreak?: boolean;
  /** longer lines are an issue, not parsed (default 64 MiB) */
  maxLineBytes?: number;
}

const DEFAULT_MAX_LINE_BYTES = 64 << 20;

const strict = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** The reason for a line whose JSON does not parse: the parser's message, and NaN/Infinity named. */
function jsonErrorReason(e: unknown, text: string): string {
  const msg = clipText((e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' '), 160);
  const nan = /\b(NaN|-?Infinity)\b/.test(text) ? '; it contains NaN or Infinity, which JSON does not allow (write null for a value not measured)' : '';
  return `not valid JSON (${msg})${nan}`;
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a && b !== 0x0c && b !== 0x0b) return false;
  }
  return true;
}

export function readJsonlLines(input: Uint8Array | string, opts: JsonlOptions = {}): JsonlRead {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const max = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const entries: JsonlEntry[] = [];
  const issues: JsonlIssue[] = [];
  let nonBlank = 0;
  let line = 0;
  let start = 0;
  const n = bytes.length;
  for (let i = 0; i <= n; i++) {
    const b = bytes[i];
    const lf = b === 0x0a;
    const cr = b === 0x0d && opts.crIsBreak && bytes[i + 1] !== 0x0a;
    if (i < n && !lf && !cr) continue;
    line++;
    let s = start;
    let e = i;
    if (e > s && bytes[e - 1] === 0x0d) e--;
    if (line === 1 && bytes[s] === 0xef && bytes[s + 1] === 0xbb && bytes[s + 2] === 0xbf) s += 3;
    const offset = start;
    start = i + 1;
    if (s >= e || isBlank(bytes, s, e)) continue;
    nonBlank++;
    if (e - s > max) {
      issues.push({ line, offset, reason: `the line is ${e - s} bytes, more than the limit of ${max}; skipped` });
      continue;
    }
    let text: string;
    try {
      text = strict.decode(bytes.subarray(s, e));
    } catch {
      issues.push({ line, offset, reason: NOT_UTF8 });
      continue;
    }
    if (!text.trim()) {
      nonBlank--; // only Unicode spaces
      continue;
    }
    try {
      entries.push({ line, offset, value: JSON.parse(text) });
    } catch (err) {
      issues.push({ line, offset, reason: jsonErrorReason(err, text) });
    }
  }
  return { entries, issues, nonBlank };
}
