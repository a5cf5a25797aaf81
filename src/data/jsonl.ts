// Reads JSONL datasets (one JSON object per line; blank lines skipped; a UTF-8 BOM and CRLF line
// ends accepted) and JSON files holding one array of row objects. A line that is not valid UTF-8 or
// not valid JSON is a Problem with its 1-based line number; the other lines are kept.
import type { Problem } from './example.ts';

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

/** Splits bytes into lines (LF, optional CR before it) without decoding the whole file at once. */
function* byteLines(bytes: Uint8Array): Generator<Uint8Array> {
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      let end = i;
      if (end > start && bytes[end - 1] === 0x0d) end--;
      yield bytes.subarray(start, end);
      start = i + 1;
    }
  }
}

export function parseJsonl(bytes: Uint8Array, file: string): TextRows {
  const rows: unknown[] = [];
  const lines: number[] = [];
  const problems: Problem[] = [];
  let lineNo = 0;
  for (let line of byteLines(bytes)) {
    lineNo++;
    if (lineNo === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    let text: string;
    try {
      text = fatalUtf8.decode(line);
    } catch {
      problems.push({ file, line: lineNo, reason: 'not valid UTF-8 text' });
      continue;
    }
    if (!text.trim()) continue;
    try {
      rows.push(JSON.parse(text));
      lines.push(lineNo);
    } catch (e) {
      problems.push({ file, line: lineNo, reason: `not valid JSON: ${shortError(e)}` });
    }
  }
  return { rows, lines, problems };
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
