// A DuckDB-WASM session over the loaded dataset, in the browser, fully offline: the wasm module and
// its worker are bundled by Vite (`?url` imports) and served from our own origin; extension
// autoloading/autoinstalling and all external file/URL access are switched off and the
// configuration is locked, so no query can make a network request. Parquet is never read by
// DuckDB itself: the dataset arrives as an Arrow IPC stream (see sql-table.ts).
import { AsyncDuckDB, VoidLogger, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import duckdbWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import duckdbWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { toPlain } from '../parquet/arrow-to-rows.ts';
import { SQL_TABLE } from './sql-table.ts';

export interface SqlResult {
  columns: string[];
  rows: unknown[][];
  /** rows the query returned (rows holds at most maxRows of them) */
  rowCount: number;
}

class DuckDbSession {
  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly conn: AsyncDuckDBConnection,
  ) {}

  static async open(): Promise<DuckDbSession> {
    const worker = new Worker(duckdbWorker);
    const db = new AsyncDuckDB(new VoidLogger(), worker);
    await db.instantiate(duckdbWasm);
    const conn = await db.connect();
    for (const sql of [
      'SET autoload_known_extensions=false',
      'SET autoinstall_known_extensions=false',
      'SET enable_external_access=false',
      'SET lock_configuration=true',
    ]) await conn.query(sql);
    return new DuckDbSession(db, conn);
  }

  /** Replaces the `dataset` table with the given Arrow IPC stream. */
  async setTable(ipc: Uint8Array): Promise<void> {
    await this.conn.query(`DROP TABLE IF EXISTS ${SQL_TABLE}`);
    await this.conn.insertArrowFromIPCStream(ipc, { name: SQL_TABLE, create: true });
  }

  async query(sql: string, maxRows = 500): Promise<SqlResult> {
    const table = await this.conn.query(sql);
    const columns = table.schema.fields.map((f) => f.name);
    const vectors = columns.map((_, i) => table.getChildAt(i)!);
    const n = Math.min(table.numRows, maxRows);
    const rows: unknown[][] = [];
    for (let r = 0; r < n; r++) rows.push(vectors.map((v) => toPlain(v.get(r))));
    return { columns, rows, rowCount: table.numRows };
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.terminate();
  }
}

let session: Promise<DuckDbSession> | null = null;

/** The page's one DuckDB session, started on first use. */
export function duckDbSession(): Promise<DuckDbSession> {
  session ??= DuckDbSession.open().catch((e) => {
    session = null;
    throw e;
  });
  return session;
}
