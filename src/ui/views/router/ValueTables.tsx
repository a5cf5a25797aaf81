// The router's value tables (topic and region rows by language) at the scrubbed step. Live runs carry
// them; a replayed log does not, and the view says so.

import type { RouterFrame } from '../../worker/protocol';
import { langColor } from '../../charts/lang-colors';
import { heatColor, heatTextColor } from '../../charts/heat-scale';

function Table({ title, rows, langs }: { title: string; rows: Record<string, Record<string, number>>; langs: string[] }) {
  const names = Object.keys(rows);
  let max = 0;
  for (const r of names) for (const l of langs) max = Math.max(max, Math.abs(rows[r][l] ?? 0));
  return (
    <div className="value-table">
      <h4>{title}</h4>
      {names.length === 0 ? <p className="muted">no rows yet</p> : (
        <table>
          <thead><tr><th>{title.split(' ')[0]}</th>{langs.map((l) => <th key={l} style={{ borderBottom: `3px solid ${langColor(l)}` }}>{l}</th>)}</tr></thead>
          <tbody>
            {names.map((r) => (
              <tr key={r}>
                <td>{r}</td>
                {langs.map((l) => {
                  const v = rows[r][l] ?? 0;
                  return <td key={l} className="num" style={{ background: heatColor(Math.abs(v), max), color: heatTextColor(Math.abs(v), max) }}>{v.toFixed(3)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ValueTables({ frame, langs }: { frame: RouterFrame | null; langs: string[] }) {
  if (!frame) return null;
  if (!frame.values) return <p className="muted">Value tables are not part of a router log; they are shown for live runs.</p>;
  return (
    <div className="value-tables">
      <Table title="Topic values" rows={frame.values.topic} langs={langs} />
      <Table title="Region values" rows={frame.values.region} langs={langs} />
    </div>
  );
}
