// Turns an Arrow table into plain JS rows: structs and maps become objects, lists become arrays,
// 64-bit integers become numbers (text when beyond 2^53), binary becomes text when it is UTF-8.
import { DataType, type Table } from 'apache-arrow';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toPlain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'bigint':
      return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
    case 'object':
      break;
    default:
      return String(v);
  }
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) {
    try {
      return utf8.decode(v);
    } catch {
      return Array.from(v);
    }
  }
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, toPlain);
  if (Array.isArray(v)) return v.map(toPlain);
  const o = v as { toArray?: () => unknown; toJSON?: () => unknown; [Symbol.iterator]?: unknown };
  // Arrow Vector (a list value): has toArray and a type
  if (typeof o.toArray === 'function' && 'type' in (o as object)) return Array.from(o as Iterable<unknown>, toPlain);
  if (typeof o.toJSON === 'function') {
    const json = o.toJSON();
    if (json !== v) return toPlain(json);
  }
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as object)) out[k] = toPlain(val);
  return out;
}

/** Column names and rows of an Arrow table, as plain JS values. */
export function arrowToRows(table: Table): { columns: string[]; rows: Record<string, unknown>[] } {
  const columns = table.schema.fields.map((f) => f.name);
  const vectors = columns.map((_, i) => table.getChildAt(i)!);
  const rows: Record<string, unknown>[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]] = toPlain(vectors[c].get(r));
    rows[r] = row;
  }
  return { columns, rows };
}

/** Names of the fields of a struct column (e.g. extra_info), or [] when it is not a struct. */
export function structFieldNames(table: Table, column: string): string[] {
  const field = table.schema.fields.find((f) => f.name === column);
  return field && DataType.isStruct(field.type) ? field.type.children.map((c) => c.name) : [];
}
