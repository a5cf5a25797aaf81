// Turns an Arrow table into plain JS rows: structs and maps become objects, lists become arrays,
// 64-bit integers become numbers (text when beyond 2^53), binary becomes text when it is UTF-8.
import { DataType, makeVector, type Data, type Table } from 'apache-arrow';

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

/**
 * The plain values of one Arrow Data chunk, column-wise: structs and lists recurse into their child
 * data once (instead of materializing a row proxy per value), which is much faster for verl's
 * nested prompt/reward_model/extra_info columns. Other types go value by value through toPlain.
 */
function dataToPlain(data: Data): unknown[] {
  const n = data.length;
  const out: unknown[] = new Array(n);
  const type = data.type;
  if (DataType.isStruct(type)) {
    const names = type.children.map((f) => f.name);
    const children = data.children.map((c) => dataToPlain(c));
    for (let i = 0; i < n; i++) {
      if (!data.getValid(i)) { out[i] = null; continue; }
      const o: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) o[names[c]] = children[c][i];
      out[i] = o;
    }
    return out;
  }
  if (DataType.isList(type)) {
    const offsets = data.valueOffsets; // already sliced to this chunk: index i is row i
    const values = dataToPlain(data.children[0]);
    for (let i = 0; i < n; i++) {
      out[i] = data.getValid(i) ? values.slice(Number(offsets[i]), Number(offsets[i + 1])) : null;
    }
    return out;
  }
  const v = makeVector(data);
  for (let i = 0; i < n; i++) out[i] = toPlain(v.get(i));
  return out;
}

/** Column names and rows of an Arrow table, as plain JS values. */
export function arrowToRows(table: Table): { columns: string[]; rows: Record<string, unknown>[] } {
  const columns = table.schema.fields.map((f) => f.name);
  const rows: Record<string, unknown>[] = Array.from({ length: table.numRows }, () => ({}));
  columns.forEach((name, c) => {
    let r = 0;
    for (const chunk of table.getChildAt(c)!.data) {
      for (const value of dataToPlain(chunk)) rows[r++][name] = value;
    }
  });
  return { columns, rows };
}

/** Names of the fields of a struct column (e.g. extra_info), or [] when it is not a struct. */
export function structFieldNames(table: Table, column: string): string[] {
  const field = table.schema.fields.find((f) => f.name === column);
  return field && DataType.isStruct(field.type) ? field.type.children.map((c) => c.name) : [];
}
