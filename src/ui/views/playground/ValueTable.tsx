// A router's tables as they stand: value per topic row and region row and language (EMA values,
// mean rewards or posterior means, by algorithm), and the counts/variances UCB and Thompson keep.

import { langColor } from '../../charts/lang-colors';
import type { RouterSnapshot, RowList } from '../../../lrpo/router/types';

const VALUE_NAME = { softmax_eps: 'Q (EMA of normalized rewards)', ucb: 'mean reward', thompson: 'posterior mean' } as const;
const AUX_NAME = { ucb: 'observations', thompson: 'observations' } as const;

function Rows({ title, rows, languages, digits }: { title: string; rows: RowList; languages: string[]; digits: number }) {
  if (!rows.length) return null;
  return (
    <>
      <tr><th colSpan={languages.length + 1} className="pg-subhead">{title}</th></tr>
      {rows.map(([name, values]) => {
        const max = Math.max(...values);
        return (
          <tr key={title + name}>
            <th scope="row">{name}</th>
            {values.map((v, i) => (
              <td key={i} className={v === max && digits > 0 ? 'pg-best' : undefined}>{digits ? v.toFixed(digits) : v}</td>
            ))}
          </tr>
        );
      })}
    </>
  );
}

export function ValueTable({ snapshot }: { snapshot: RouterSnapshot | null }) {
  if (!snapshot) return <p className="muted">No steps yet.</p>;
  const langs = snapshot.languages;
  const aux = snapshot.algorithm === 'softmax_eps' ? null : AUX_NAME[snapshot.algorithm];
  return (
    <div className="pg-scroll">
      <table className="pg-values" aria-label={`value table ${snapshot.algorithm}`}>
        <thead>
          <tr>
            <th>{VALUE_NAME[snapshot.algorithm]} after step {snapshot.step}</th>
            {langs.map((l) => <th key={l} style={{ color: langColor(l) }}>{l}</th>)}
          </tr>
        </thead>
        <tbody>
          <Rows title="topic rows" rows={snapshot.topic} languages={langs} digits={3} />
          <Rows title="region rows" rows={snapshot.region} languages={langs} digits={3} />
          {aux && snapshot.topicAux && <Rows title={`topic ${aux}`} rows={snapshot.topicAux} languages={langs} digits={0} />}
          {aux && snapshot.regionAux && <Rows title={`region ${aux}`} rows={snapshot.regionAux} languages={langs} digits={0} />}
        </tbody>
      </table>
      <p className="muted">next step: τ {snapshot.tau.toFixed(3)}, ε {snapshot.eps.toFixed(3)}; {snapshot.buffered} rewards buffered for the next update</p>
    </div>
  );
}
