// Reads JSONL datasets (one JSON object per line, through the one JSONL reader jsonl-lines.ts: blank
// lines skipped; a UTF-8 BOM and CRLF line ends accepted) and JSON files holding one array of row objects. A line that is not valid UTF-8 or
// not valid JSON is a Problem with its 1-based line number; the other lines are kept.
import type { Problem } from './example.ts';
import { readJsonlLines } from './jsonl-lines.ts';

export interface TextRows {
  rows: unknown[];
  /** 1-based line of each row (JSONL), or undefined for a JSON array (rows are then 0-based) */
  lines?: number[];
  problems: Problem[];
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function shortError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.length > 160 ? m.slice(0, 160) + '…' : m;
}

export function parseJsonl(bytes: Uint8Array, file: string): TextRows {
  const r = readJsonlLines(bytes);
  return {
    rows: r.entries.map((e) => e.value),
    lines: r.entries.map((e) => e.line),
    problems: r.issues.map((i) => ({ file, line: i.line, reason: i.reason })),
  };
}

/** A JSON file holding one array of row objects. */
export function parseJsonArray(bytes: Uint8Array, file: string): TextRows {
  let text: string;
  try {
    text = fatalUtf8.decode(bytes);
  } catch {
    return { rows: [], problems: [{ file, reason: 'not valid UTF-8 text' }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { rows: [], problems: [{ file, reason: `not valid JSON: ${shortError(e)}` }] };
  }
  if (Array.isArray(value)) return { rows: value, problems: [] };
  return { rows: [], problems: [{ file, reason: 'a JSON dataset file must hold an array of row objects' }] };
}
