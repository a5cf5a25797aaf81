// Judge agreement: pick two label sets for the shown predictions (the file's label columns, and
// every judge model run in this session) and see raw agreement, Cohen's kappa, the confusion
// matrix and the items they disagree on. The paper reports 93.5% agreement of its judge with people.
import { useMemo, useState } from 'react';
import { compareLabelSets, fileLabelSets, type LabelSet } from '../../../eval/agreement';
import type { VerdictLabel } from '../../../eval/labels';
import { useEvalStore } from '../../store/eval-store';
import { clip, pct } from './format';

export function AgreementPanel() {
  const rows = useEvalStore((s) => s.rows);
  const mapping = useEvalStore((s) => s.mapping);
  const judgeLabels = useEvalStore((s) => s.judgeLabels);
  const sets = useMemo<LabelSet[]>(() => {
    const fromFile = fileLabelSets(rows, { label: `file: ${mapping.label ?? 'label'}`, label2: `file: ${mapping.second_label ?? 'label 2'}` });
    const judged = Object.entries(judgeLabels).map(([model, labels]) => ({ name: `judge: ${model}`, labels: new Map(Object.entries(labels) as [string, VerdictLabel][]) }));
    return [...fromFile, ...judged];
  }, [rows, mapping, judgeLabels]);
  const [first, setFirst] = useState<string | null>(null);
  const [second, setSecond] = useState<string | null>(null);
  const s1 = sets.find((s) => s.name === first) ?? sets[0];
  const s2 = sets.find((s) => s.name === second) ?? sets.find((s) => s !== s1);
  const result = useMemo(() => (s1 && s2 ? compareLabelSets(rows, s1, s2) : null), [rows, s1, s2]);
  return (
    <div className="panel" role="group" aria-label="Judge agreement">
      <h3>Judge agreement</h3>
      {sets.length < 2 ? (
        <p className="muted" data-testid="agreement-empty">
          Two label sets are needed: load a file with two label columns (e.g. a judge&apos;s and a person&apos;s), or judge the predictions with two
          judge models or endpoints (change the model and press &quot;Re-judge all&quot;). Label sets now: {sets.map((s) => s.name).join(', ') || 'none'}.
        </p>
      ) : (
        <>
          <div className="row">
            <label>First <select aria-label="First label set" value={s1!.name} onChange={(e) => setFirst(e.target.value)}>{sets.map((s) => <option key={s.name}>{s.name}</option>)}</select></label>
            <label>Second <select aria-label="Second label set" value={s2!.name} onChange={(e) => setSecond(e.target.value)}>{sets.map((s) => <option key={s.name}>{s.name}</option>)}</select></label>
          </div>
          {result && (
            <>
              <p data-testid="agreement-summary">
                {result.n} items labelled by both{result.leftOut ? ` (${result.leftOut} left out: missing or UNPARSEABLE in one)` : ''}: agreement{' '}
                {pct(result.agreement)}, Cohen&apos;s κ = {Number.isNaN(result.kappa) ? 'undefined (one label only)' : result.kappa.toFixed(3)} (chance
                agreement {pct(result.expected)}); agreement on CORRECT vs not {pct(result.correctAgreement)}.
                <span className="muted"> The paper reports 93.5% agreement of its judge with people.</span>
              </p>
              <table className="eval-breakdown" aria-label="Confusion matrix">
                <thead>
                  <tr><th>{result.first} ↓ / {result.second} →</th>{result.categories.map((c) => <th key={c}>{c}</th>)}</tr>
                </thead>
                <tbody>
                  {result.matrix.map((row, i) => (
                    <tr key={result.categories[i]}>
                      <th>{result.categories[i]}</th>
                      {row.map((v, j) => <td key={j} className={i === j ? 'diag' : v ? 'off' : ''}>{v}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
              <h4 data-testid="disagreement-count">{result.disagreements.length} disagreements</h4>
              <div className="eval-table-wrap">
                <table aria-label="Disagreements">
                  <thead><tr><th>id</th><th>question</th><th>target</th><th>prediction</th><th>{result.first}</th><th>{result.second}</th></tr></thead>
                  <tbody>
                    {result.disagreements.map((d) => (
                      <tr key={d.row.id} data-testid={`disagree-${d.row.id}`}>
                        <td>{d.row.id}</td><td>{clip(d.row.question, 50)}</td><td>{clip(d.row.target, 30)}</td><td>{clip(d.row.prediction, 60)}</td>
                        <td className={`label-${d.first}`}>{d.first}</td><td className={`label-${d.second}`}>{d.second}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
