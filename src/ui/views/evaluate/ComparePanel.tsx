// Compare sources side by side: accuracy with 95% bootstrap intervals overall and per language x
// setting (table and figure), the label distribution per source (stacked bars), exports (CSV, SVG,
// PNG), and a paired comparison of two sources.
import { useMemo, useRef, useState } from 'react';
import { accuracyTable, OVERALL, type ComparisonSource } from '../../../eval/compare';
import { comparisonToCsv } from '../../../eval/compare-csv';
import { downloadFile } from '../../export/download';
import { downloadPng, downloadSvg } from '../../export/figure-export';
import { AccuracyFigure, LabelStackFigure, sourceColor } from './CompareFigures';
import { PairedPanel } from './PairedPanel';
import { BOOTSTRAP } from './comparison-sources';
import { pct } from './format';


function FigureExports({ target, name }: { target: React.RefObject<SVGSVGElement | null>; name: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="row">
      <button onClick={() => target.current && downloadSvg(target.current, `${name}.svg`)}>{`Figure (SVG): ${name}`}</button>
      <button
        onClick={() => {
          setError(null);
          if (target.current) downloadPng(target.current, `${name}.png`).catch((e: Error) => setError(e.message));
        }}
      >
        {`Figure (PNG): ${name}`}
      </button>
      {error && <span className="error">{error}</span>}
    </span>
  );
}

export function ComparePanel({ sources, fileBase }: { sources: readonly ComparisonSource[]; fileBase: string }) {
  const cells = useMemo(() => accuracyTable(sources, BOOTSTRAP), [sources]);
  const groups = useMemo(() => [OVERALL, ...[...new Set(cells.map((c) => c.group))].filter((g) => g !== OVERALL).sort()], [cells]);
  const names = sources.map((s) => s.name);
  const at = new Map(cells.map((c) => [`${c.source}\u0000${c.group}`, c]));
  const accRef = useRef<SVGSVGElement>(null);
  const stackRef = useRef<SVGSVGElement>(null);
  const unjudged = cells.filter((c) => c.group === OVERALL && c.unjudged > 0);
  return (
    <div className="panel" data-testid="compare-panel">
      <h3>Compare sources</h3>
      <p className="muted">
        {sources.length} source{sources.length === 1 ? '' : 's'} ({names.join(', ')}): the file&apos;s model column splits it, and predictions
        generated in the studio are one more. Accuracy = CORRECT / N; intervals are 95% percentile bootstrap intervals ({BOOTSTRAP.samples}{' '}
        resamples of the group&apos;s questions, seed {BOOTSTRAP.seed}); with a few dozen questions per group they are wide, and a group
        answered all right (or all wrong) gets a zero-width interval, since the bootstrap only resamples what was seen.
      </p>
      {unjudged.length > 0 && (
        <p className="eval-warn">Unjudged rows count as not correct: {unjudged.map((c) => `${c.source} ${c.unjudged}`).join(', ')}.</p>
      )}
      <div className="eval-table-wrap">
        <table className="eval-breakdown" aria-label="Accuracy by source">
          <thead>
            <tr>
              <th>language · setting</th>
              {names.map((n, i) => <th key={n}><span style={{ color: sourceColor(i) }}>■</span> {n}</th>)}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g}>
                <td>{g}</td>
                {names.map((n) => {
                  const c = at.get(`${n}\u0000${g}`);
                  return (
                    <td key={n} data-testid={`acc-${n}-${g}`}>
                      {c ? `${pct(c.estimate)} [${pct(c.lo)}, ${pct(c.hi)}] (${c.correct}/${c.n})` : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="eval-figures">
        <AccuracyFigure ref={accRef} sources={names} groups={groups} cells={cells} />
        <LabelStackFigure ref={stackRef} sources={sources} />
      </div>
      <div className="row">
        <button onClick={() => downloadFile(`${fileBase}-comparison.csv`, comparisonToCsv(cells, BOOTSTRAP), 'text/csv')}>Comparison table (CSV)</button>
        <FigureExports target={accRef} name={`${fileBase}-accuracy`} />
        <FigureExports target={stackRef} name={`${fileBase}-labels`} />
      </div>
      {sources.length >= 2 && <PairedPanel sources={sources} fileBase={fileBase} />}
    </div>
  );
}
