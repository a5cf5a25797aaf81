// SQL over the loaded dataset (DuckDB-WASM, loaded on first use): the table `dataset` has columns
// row, question, answer, topic, language, region, split, data_source and ref_<code>. Results and
// errors are shown as text.
import { useEffect, useRef, useState } from 'react';
import type { SqlResult } from '../../../data/duckdb/duckdb-session';
import { useDataStore } from '../../store/data-store';

const EXAMPLE_SQL = 'SELECT topic, count(*) AS n FROM dataset GROUP BY 1 ORDER BY n DESC';

type Session = Awaited<ReturnType<typeof import('../../../data/duckdb/duckdb-session').duckDbSession>>;

function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function SqlPanel() {
  const examples = useDataStore((s) => s.examples);
  const version = useDataStore((s) => s.version);
  const [sql, setSql] = useState(EXAMPLE_SQL);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SqlResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef<number>(-1);
  const session = useRef<Session | null>(null);

  // once DuckDB is up, keep its `dataset` table in step with the store
  useEffect(() => {
    if (session.current && loaded.current !== version) {
      const v = version;
      void syncTable(session.current, v);
    }
  }, [version]);

  async function syncTable(s: Session, v: number) {
    const { examplesToSqlIpc } = await import('../../../data/duckdb/sql-table');
    await s.setTable(examplesToSqlIpc(useDataStore.getState().examples));
    loaded.current = v;
  }

  async function run() {
    setBusy(true);
    setError(null);
    try {
      if (!session.current) {
        const { duckDbSession } = await import('../../../data/duckdb/duckdb-session');
        session.current = await duckDbSession();
      }
      const v = useDataStore.getState().version;
      if (loaded.current !== v) await syncTable(session.current, v);
      setResult(await session.current.query(sql));
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-label="SQL">
      <h3>SQL</h3>
      <p className="muted">
        Table <code>dataset</code>: row, question, answer, topic, language, region, split, data_source, ref_&lt;language&gt;.
        Runs in your browser (DuckDB-WASM); nothing leaves the page.
      </p>
      <textarea
        aria-label="SQL query"
        className="data-sql"
        rows={3}
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run(); }}
      />
      <div className="row">
        <button className="primary" onClick={() => void run()} disabled={busy || examples.length === 0}>Run SQL</button>
        {busy && <span role="status">Running…</span>}
        <span className="muted">Ctrl+Enter runs</span>
      </div>
      {error && <pre className="error" role="alert" data-testid="sql-error">{error}</pre>}
      {result && (
        <div className="data-table-wrap" data-testid="sql-result">
          <p className="muted">{result.rowCount} row{result.rowCount === 1 ? '' : 's'}{result.rowCount > result.rows.length ? ` (first ${result.rows.length} shown)` : ''}</p>
          <table className="data-table">
            <thead><tr>{result.columns.map((c, i) => <th key={i}>{c}</th>)}</tr></thead>
            <tbody>
              {result.rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j} className="data-text">{cell(v)}</td>)}</tr>)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
