// Strict UTF-8 decoding for line-oriented text files (JSONL logs, CSV tables) that keeps the good
// lines. `file.text()` and a default TextDecoder turn bad bytes into U+FFFD without a word; here a
// line holding bytes that are not UTF-8 is blanked (its line break kept, so every other line keeps
// its number) and listed, and the caller reports it with its file and line. Whole valid files take
// the fast path: one fatal decode.
import type { Problem } from './example';

export interface Utf8Lines {
  /** the decoded text; a line that was not UTF-8 is empty here */
  text: string;
  /** 1-based numbers of the lines that were not UTF-8, ascending */
  badLines: number[];
}

export interface Utf8LinesOptions {
  /** count a lone CR as a line break too (as the eval CSV reader does); default: LF only */
  crIsBreak?: boolean;
}

/** The reason text readers use for such a line. */
export const NOT_UTF8 = 'not valid UTF-8 text (the line is skipped; save the file as UTF-8)';

const strict = new TextDecoder('utf-8', { fatal: true });
// lines after the first keep a U+FEFF at their start, as a whole-file decode would
const strictKeepBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8Lines(bytes: Uint8Array, opts: Utf8LinesOptions = {}): Utf8Lines {
  try {
    return { text: strict.decode(bytes), badLines: [] };
  } catch {
    // some line is bad: decode line by line (a multi-byte sequence never holds 0x0a or 0x0d)
  }
  const parts: string[] = [];
  const badLines: number[] = [];
  let line = 1;
  let start = 0;
  const n = bytes.length;
  for (let i = 0; i <= n; i++) {
    const b = bytes[i];
    if (i < n && b !== 0x0a && !(b === 0x0d && opts.crIsBreak)) continue;
    // in LF-only mode a CR before the LF stays in the line (and goes with it when the line is bad)
    try {
      parts.push((line === 1 ? strict : strictKeepBom).decode(bytes.subarray(start, i)));
    } catch {
      badLines.push(line);
    }
    if (i === n) break;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      parts.push('\r\n');
      i++;
    } else parts.push(b === 0x0a ? '\n' : '\r');
    start = i + 1;
    line++;
  }
  return { text: parts.join(''), badLines };
}

/**
 * `problems` with one NOT_UTF8 problem per bad line added, ordered by place. `at` is the key the
 * reader uses for a 1-based line (the replay readers use `row`, the dataset readers `line`).
 */
export function withUtf8Problems(problems: readonly Problem[], badLines: readonly number[], file: string | undefined, at: 'row' | 'line'): Problem[] {
  if (!badLines.length) return [...problems];
  const added = badLines.map((n): Problem => ({ ...(file !== undefined ? { file } : {}), [at]: n, reason: NOT_UTF8 }));
  const place = (p: Problem) => p[at] ?? 0;
  // a stable sort keeps each line's own problems in the order the reader found them
  return [...problems, ...added].sort((a, b) => place(a) - place(b));
}
