// A small RFC 4180 CSV reader for our input tables: quoted fields ("" inside quotes is a quote),
// comma separators, LF or CRLF line ends, a leading BOM ignored. Every record carries the 1-based
// line where it starts, so problems can name it. Unterminated quotes are reported, not guessed.

export interface CsvRecord {
  /** 1-based line number of the record's first character */
  line: number;
  fields: string[];
}

export interface CsvParse {
  records: CsvRecord[];
  /** 1-based line of an unterminated quoted field, if any (the rest of the text is dropped) */
  unterminatedQuoteLine?: number;
}

export function parseCsv(text: string): CsvParse {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (src[i] === '"') {
        // quoted field
        i++;
        let closed = false;
        while (i < src.length) {
          const c = src[i];
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) return { records, unterminatedQuoteLine: startLine };
      }
      // unquoted part (or what follows a closing quote, kept verbatim)
      while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') field += src[i++];
      if (i >= src.length) {
        fields.push(field);
        endOfRecord = true;
      } else if (src[i] === ',') {
        fields.push(field);
        field = '';
        i++;
      } else {
        // \n or \r\n or lone \r
        fields.push(field);
        if (src[i] === '\r' && src[i + 1] === '\n') i++;
        i++;
        line++;
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && fields[0].trim() === '';
    if (!blank) records.push({ line: startLine, fields });
  }
  return { records };
}

/** Quotes a field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
