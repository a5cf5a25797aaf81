// A paired comparison of two sources on the questions both answered: how many flipped each way,
// McNemar's exact test (and mid-p) on the flips, a paired bootstrap interval of the accuracy
// difference, and the flipped questions to read, with a filter.
import { useMemo, useState } from 'react';
import { comparePaired, type ComparisonSource, type FlipKind } from '../../../eval/compare';
import { pairedItemsToCsv } from '../../../eval/compare-csv';
import { downloadFile } from '../../export/download';
import { BOOTSTRAP } from './comparison-sources';
import { clip, pct } from './format';

const KINDS: { value: FlipKind | 'flipped' | 'all'; label: string }[] = [
  { value: 'flipped', label: 'flipped (either way)' },
  { value: 'gained', label: 'wrong → correct' },
  { value: 'lost', label: 'correct → wrong' },
  { value: 'both-wrong', label: 'wrong in both' },
  { value: 'both-correct', label: 'correct in both' },
  { value: 'all', label: 'all paired questions' },
];

const p3 = (p: number) => (p < 0.001 ? p.toExponential(2) : p.toFixed(3));

export function PairedPanel({ sources, fileBase }: { sources: readonly ComparisonSource[]; fileBase: string }) {
  const names = sources.map((s) => s.name);
  const [a, setA] = useState(names[0]);
  const [b, setB] = useState(names[names.length - 1]);
  const [kind, setKind] = useState<(typeof KINDS)[number]['value']>('flipped');
  const [language, setLanguage] = useState('');
  const [text, setText] = useState('');
  const sa = sources.find((s) => s.name === a) ?? sources[0];
  const sb = sources.find((s) => s.name === b) ?? sources[sources.length - 1];
  const cmp = useMemo(() => comparePaired(sa, sb, BOOTSTRAP), [sa, sb]);
  const languages = [...new Set(cmp.items.map((i) => i.a.language))].sort();
  const t = text.trim().toLowerCase();
  const shown = cmp.items.filter(
    (i) =>
      (kind === 'all' || (kind === 'flipped' ? i.kind === 'gained' || i.kind === 'lost' : i.kind === kind)) &&
      (!language || i.a.language === language) &&
      (!t || [i.qid, i.a.question, i.a.questionEn ?? '', i.a.target, i.a.prediction, i.b.prediction].some((s) => s.toLowerCase().includes(t))),
  );
  const m = cmp.mcnemar;
  return (
    <div className="eval-paired" role="group" aria-label="Paired comparison">
      <h4>Paired comparison</h4>
      <div className="row">
        <label>First <select aria-label="First source" value={sa.name} onChange={(e) => setA(e.target.value)}>{names.map((n) => <option key={n}>{n}</option>)}</select></label>
        <label>Second <select aria-label="Second source" value={sb.name} onChange={(e) => setB(e.target.value)}>{names.map((n) => <option key={n}>{n}</option>)}</select></label>
      </div>
      <p data-testid="paired-summary">
        {cmp.n} paired questions{cmp.unpaired ? ` (${cmp.unpaired} answered by only one, left out)` : ''}: {sa.name} {pct(cmp.accuracyA)}, {sb.name}{' '}
        {pct(cmp.accuracyB)}; difference {sb.name} − {sa.name} = {pct(cmp.difference.estimate)} [{pct(cmp.difference.lo)}, {pct(cmp.difference.hi)}] (paired
        bootstrap, 95%). Wrong → correct {cmp.gained}, correct → wrong {cmp.lost}, both correct {cmp.bothCorrect}, both wrong {cmp.bothWrong}.
      </p>
      <p data-testid="mcnemar">
        McNemar&apos;s exact test on the {m.b + m.c} flipped questions (two-sided binomial, p = 1/2): p = {p3(m.exactP)}; mid-p = {p3(m.midP)}
        <span className="muted"> (χ² with continuity correction = {m.chi2.toFixed(3)}, for reference; the exact test is the one to report with so few flips)</span>
      </p>
      <div className="row">
        <label>Show <select aria-label="Flip filter" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>{KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}</select></label>
        <label>Language <select aria-label="Flip language" value={language} onChange={(e) => setLanguage(e.target.value)}><option value="">all</option>{languages.map((l) => <option key={l}>{l}</option>)}</select></label>
        <label>Text <input aria-label="Flip text" value={text} onChange={(e) => setText(e.target.value)} /></label>
        <span data-testid="flip-count">{shown.length} of {cmp.n} questions</span>
        <button onClick={() => downloadFile(`${fileBase}-paired-${sa.name}-${sb.name}.csv`, pairedItemsToCsv(cmp), 'text/csv')}>Paired items (CSV)</button>
      </div>
      <div className="eval-table-wrap">
        <table aria-label="Paired questions">
          <thead><tr><th>id</th><th>lang · setting</th><th>question</th><th>target</th><th>{sa.name}</th><th>{sb.name}</th></tr></thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.qid} data-testid={`flip-${i.qid}`}>
                <td>{i.qid}</td>
                <td>{i.a.language} · {i.a.setting ?? '(none)'}</td>
                <td>{clip(i.a.question, 60)}{i.a.questionEn && <div className="muted">{clip(i.a.questionEn, 60)}</div>}</td>
                <td>{clip(i.a.target, 40)}</td>
                <td><span className={`label-${i.a.verdict?.label ?? 'UNJUDGED'}`}>{i.a.verdict?.label ?? 'UNJUDGED'}</span><div>{clip(i.a.prediction, 60)}</div></td>
                <td><span className={`label-${i.b.verdict?.label ?? 'UNJUDGED'}`}>{i.b.verdict?.label ?? 'UNJUDGED'}</span><div>{clip(i.b.prediction, 60)}</div></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
