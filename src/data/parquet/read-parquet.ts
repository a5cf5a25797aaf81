// Reads a parquet file (bytes) into plain rows: parquet-wasm decodes it to Arrow IPC, apache-arrow
// reads that into a Table. Failures are thrown as FileProblemError with a message naming the file.
import { tableFromIPC, type Table } from 'apache-arrow';
import { loadParquetWasm } from './parquet-wasm.ts';
import { arrowToRows, structFieldNames } from './arrow-to-rows.ts';

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

export class FileProblemError extends Error {}

export function hasParquetMagic(bytes: Uint8Array): boolean {
  return PARQUET_MAGIC.every((b, i) => bytes[i] === b);
}

function hasParquetFooter(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n >= 12 && PARQUET_MAGIC.every((b, i) => bytes[n - 4 + i] === b);
}

async function readParquetTable(bytes: Uint8Array): Promise<Table> {
  if (!hasParquetMagic(bytes)) throw new FileProblemError('not a parquet file (it does not start with PAR1)');
  if (!hasParquetFooter(bytes)) throw new FileProblemError('malformed parquet: the file is truncated (no PAR1 footer)');
  const pw = await loadParquetWasm();
  let ipc: Uint8Array;
  try {
    ipc = pw.readParquet(bytes).intoIPCStream();
  } catch (e) {
    throw new FileProblemError(`malformed parquet: ${e instanceof Error ? e.message : String(e)}`);
  }
  return tableFromIPC(ipc);
}

export interface ParquetRows {
  columns: string[];
  /** fields of the extra_info struct column, if any */
  extraInfoFields: string[];
  rows: Record<string, unknown>[];
}

export async function readParquetRows(bytes: Uint8Array): Promise<ParquetRows> {
  const table = await readParquetTable(bytes);
  const { columns, rows } = arrowToRows(table);
  return { columns, rows, extraInfoFields: structFieldNames(table, 'extra_info') };
}
