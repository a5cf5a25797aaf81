// Parquet predictions via parquet-wasm (-> Arrow IPC -> apache-arrow rows). The wasm binary is
// bundled by Vite (`?url`) in the browser; under Node it is read from node_modules.
import * as parquet from 'parquet-wasm/esm';
import { tableFromIPC } from 'apache-arrow';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { SourceTable } from './read-source';

let ready: Promise<void> | null = null;

interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
}

async function initParquet(): Promise<void> {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc?.getBuiltinModule && typeof window === 'undefined') {
    const { createRequire } = proc.getBuiltinModule('node:module') as typeof import('node:module');
    const { readFileSync } = proc.getBuiltinModule('node:fs') as typeof import('node:fs');
    const path = createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
    parquet.initSync({ module: readFileSync(path) });
    return;
  }
  await parquet.default({ module_or_path: wasmUrl });
}

/** Turns Arrow cell values into plain JS (lists -> arrays, structs -> objects). */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  const o = v as { toArray?: () => unknown[]; toJSON?: () => unknown };
  if (typeof o.toArray === 'function') return Array.from(o.toArray(), plain);
  if (typeof o.toJSON === 'function') {
    const j = o.toJSON();
    if (j && typeof j === 'object' && !Array.isArray(j)) {
      return Object.fromEntries(Object.entries(j as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
    }
    return j;
  }
  return v;
}

export async function readParquetRecords(file: string, bytes: Uint8Array): Promise<SourceTable> {
  try {
    ready ??= initParquet();
    await ready;
  } catch (e) {
    ready = null;
    return { columns: [], records: [], problems: [{ file, reason: `the parquet reader failed to start: ${(e as Error).message}` }] };
  }
  let table;
  try {
    const wasmTable = parquet.readParquet(bytes);
    table = tableFromIPC(wasmTable.intoIPCStream());
  } catch (e) {
    return { columns: [], records: [], problems: [{ file, reason: `not a readable parquet file: ${String((e as Error)?.message ?? e).slice(0, 200)}` }] };
  }
  const columns = table.schema.fields.map((f) => f.name);
  const vectors = columns.map((_, i) => table.getChildAt(i)!);
  const records = [];
  for (let r = 0; r < table.numRows; r++) {
    const values: Record<string, unknown> = {};
    columns.forEach((c, i) => (values[c] = plain(vectors[i].get(r))));
    records.push({ values });
  }
  return { columns, records, problems: [] };
}
