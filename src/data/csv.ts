// The project's one CSV reader and writer (datasets such as BLEnD, calibration tables, predictions),
// a small RFC 4180 implementation of our own. Reader: comma-separated fields, fields in
// double quotes may hold commas, quotes ("" = one quote) and line breaks; lines end with CRLF, LF or
// CR; a leading UTF-8 BOM is dropped. It never throws: malformed records come back as problems with
// the line where the record starts (1-based), and reading goes on with the next line.

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts */
  line: number;
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** Line breaks in a text: CRLF, LF and lone CR each count once. */
function countLineBreaks(t: string): number {
  let k = 0;
  for (let j = 0; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === 10) k++;
    else if (c === 13 && t.charCodeAt(j + 1) !== 10) k++;
  }
  return k;
}

export function parseCsv(text: string, delimiter = ','): CsvParseResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let bad: string | null = null;
    // one record
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        const openAt = i;
        const openLine = line;
        i++;
        let closed = false;
        const parts: string[] = [];
        while (i < n) {
          const q = src.indexOf('"', i);
          const end = q < 0 ? n : q;
          const chunk = src.slice(i, end);
          parts.push(chunk);
          line += countLineBreaks(chunk);
          i = end;
          if (q < 0) break;
          if (src[q + 1] === '"') {
            parts.push('"');
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        field = parts.join('');
        if (!closed) {
          bad = 'a quoted field is never closed (missing ")';
          // resume after the line break that follows the opening quote
          let j = openAt + 1;
          while (j < n && src[j] !== '\n' && src[j] !== '\r') j++;
          i = j;
          line = openLine;
          break;
        }
        if (i < n && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') {
          bad = `unexpected character ${JSON.stringify(src[i])} after a closing quote`;
          // skip to the end of this physical line
          while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
          break;
        }
      } else {
        const start = i;
        while (i < n && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') i++;
        field = src.slice(start, i);
      }
      fields.push(field);
      if (i < n && src[i] === delimiter) {
        i++; // the next field (empty when the text ends here) is read by the next pass
        continue;
      }
      break;
    }
    // end of record
    if (i < n && src[i] === '\r') {
      i += src[i + 1] === '\n' ? 2 : 1;
      line++;
    } else if (i < n && src[i] === '\n') {
      i++;
      line++;
    }
    if (bad) {
      problems.push({ line: startLine, reason: bad });
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    records.push({ fields, line: startLine });
  }
  return { records, problems };
}

/** Quotes a field when it holds the delimiter, a quote, a line break or leading/trailing space. */
export function csvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value)) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** Writes rows as CSV with CRLF line ends (RFC 4180). */
export function writeCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows.map((r) => r.map((f) => csvField(f, delimiter)).join(delimiter)).join('\r\n') + (rows.length ? '\r\n' : '');
}

/**
 * Header-keyed rows (the first record is the header; missing trailing cells are ''), with the
 * parser's problems. For tables whose columns are looked up by name (e.g. BLEnD's questions CSV).
 */
export function csvObjects(text: string, delimiter = ','): { rows: Record<string, string>[]; problems: CsvProblem[] } {
  const { records, problems } = parseCsv(text, delimiter);
  const [header, ...rest] = records;
  if (!header) return { rows: [], problems };
  return { rows: rest.map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i] ?? '']))), problems };
}
