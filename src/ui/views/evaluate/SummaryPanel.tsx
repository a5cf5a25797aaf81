// Scores: accuracy = CORRECT / N, the label distribution, breakdowns by language, region, setting
// and seen/unseen language (the user ticks the seen ones), charts and a table; clicks filter items.
import { langColor } from '../../charts/lang-colors';
import { languageName } from '../../../data/languages';
import { COUNT_KEYS, FLAG_MIN_PROB, type GroupStats, type Summary } from '../../../eval/metrics';
import { useEvalStore, type ItemFilter } from '../../store/eval-store';
import { BreakdownChart } from './BreakdownChart';
import { LabelChart } from './LabelChart';
import { pct } from './format';

const SETTING_COLORS: Record<string, string> = { 'local-insider': '#3056d3', 'cross-cultural': '#e36414', '(none)': '#9a9aa8' };
const SEEN_COLORS: Record<string, string> = { seen: '#1a7f37', unseen: '#8250df' };

function BreakdownTable({ name, groups, pick }: { name: string; groups: readonly GroupStats[]; pick: (k: string) => void }) {
  return (
    <table className="eval-breakdown" aria-label={`Accuracy by ${name}`}>
      <thead>
        <tr><th>{name}</th><th>N</th><th>correct</th><th>accuracy</th>{COUNT_KEYS.slice(1).map((k) => <th key={k}>{k}</th>)}</tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key} className="clickable" onClick={() => pick(g.key)}>
            <td>{g.key}</td><td>{g.n}</td><td>{g.correct}</td><td>{pct(g.accuracy)}</td>
            {COUNT_KEYS.slice(1).map((k) => <td key={k}>{g.counts[k]}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SummaryPanel({ summary }: { summary: Summary }) {
  const seen = useEvalStore((s) => s.seen);
  const detector = useEvalStore((s) => s.detector);
  const st = useEvalStore.getState();
  const pick = (f: ItemFilter) => st.setFilter(f);
  const o = summary.overall;
  const languages = summary.byLanguage.map((g) => g.key);
  return (
    <div className="panel">
      <h3>Scores</h3>
      <div className="row">
        <span className="stat" data-testid="accuracy"><b>{pct(o.accuracy)}</b>accuracy ({o.correct}/{o.n} CORRECT)</span>
        <span className="stat"><b>{o.n - o.counts.UNJUDGED}</b>judged of {o.n}</span>
        <span className="stat"><b>{o.counts.UNPARSEABLE}</b>UNPARSEABLE</span>
        <span className="stat" data-testid="detector-flag">
          <b>{detector.status === 'ready' ? summary.languageMismatches : '—'}</b>
          {detector.status === 'ready'
            ? `answers not in the question's language (detector p ≥ ${FLAG_MIN_PROB}, of ${summary.detectorChecked})`
            : detector.status === 'unavailable'
              ? `detector unavailable: ${detector.reason}`
              : 'language detector loading…'}
        </span>
      </div>
      <p className="muted" data-testid="label-counts">{COUNT_KEYS.map((k) => `${k}: ${o.counts[k]}`).join(' · ')}</p>
      <fieldset className="eval-seen">
        <legend>Seen in training</legend>
        {languages.map((l) => (
          <label key={l} className="check">
            <input type="checkbox" checked={seen.includes(l)} onChange={() => st.toggleSeen(l)} aria-label={`Seen language ${l}`} />
            <span style={{ color: langColor(l) }}>■</span> {l} ({languageName(l)})
          </label>
        ))}
      </fieldset>
      <div className="grid">
        <LabelChart counts={o.counts} onPick={(label) => pick({ label })} />
        <BreakdownChart title="Accuracy by language" groups={summary.byLanguage} colorOf={langColor} onPick={(language) => pick({ language })} />
        <BreakdownChart title="Accuracy by region" groups={summary.byRegion} colorOf={() => '#3056d3'} onPick={(region) => pick({ region })} />
        <BreakdownChart title="Accuracy by setting" groups={summary.bySetting} colorOf={(k) => SETTING_COLORS[k] ?? '#3056d3'} onPick={(setting) => pick({ setting })} />
        <BreakdownChart title="Accuracy on seen / unseen languages" groups={summary.bySeen} colorOf={(k) => SEEN_COLORS[k]} onPick={(k) => pick({ seen: k as 'seen' | 'unseen' })} />
      </div>
      <details open>
        <summary>Breakdown tables (click a row to see its items)</summary>
        <BreakdownTable name="language" groups={summary.byLanguage} pick={(language) => pick({ language })} />
        <BreakdownTable name="region" groups={summary.byRegion} pick={(region) => pick({ region })} />
        <BreakdownTable name="setting" groups={summary.bySetting} pick={(setting) => pick({ setting })} />
        <BreakdownTable name="seen" groups={summary.bySeen} pick={(k) => pick({ seen: k as 'seen' | 'unseen' })} />
      </details>
    </div>
  );
}
