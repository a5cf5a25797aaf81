// A small RFC 4180 CSV reader: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF
// line ends; a UTF-8 BOM is dropped. Returns rows as objects keyed by the header row.

export function parseCsvRecords(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field); field = '';
      records.push(row); row = [];
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field at the end of the file');
  if (field !== '' || row.length) { row.push(field); records.push(row); }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rest] = parseCsvRecords(text);
  if (!header) return [];
  return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
