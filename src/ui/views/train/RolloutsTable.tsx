// The latest step's rollouts, group by group: question, languages, response, detected language,
// similarity, calibrated similarity, reward and advantage; filterable by language, topic and region.
// Dataset and model text is rendered as text only.

import { useMemo, useState } from 'react';
import { useRunStore } from '../../store/run-store';
import { langColor } from '../../charts/lang-colors';
import { filterOptions, filterRollouts, type RolloutFilter } from './rollout-filter';

function Select({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={`Filter by ${label}`}>
        <option value="">any</option>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </label>
  );
}

const Lang = ({ code }: { code: string }) => <span className="lang-chip" style={{ borderColor: langColor(code) }}>{code}</span>;

export function RolloutsTable() {
  const rows = useRunStore((s) => s.rollouts);
  const step = useRunStore((s) => s.step);
  const [f, setF] = useState<RolloutFilter>({ lang: '', topic: '', region: '' });
  const opts = useMemo(() => filterOptions(rows), [rows]);
  const shown = useMemo(() => filterRollouts(rows, f), [rows, f]);
  return (
    <div>
      <div className="row">
        <h3 style={{ margin: 0 }}>Rollouts of step {step}</h3>
        <Select label="language" value={f.lang} options={opts.langs} onChange={(lang) => setF({ ...f, lang })} />
        <Select label="topic" value={f.topic} options={opts.topics} onChange={(topic) => setF({ ...f, topic })} />
        <Select label="region" value={f.region} options={opts.regions} onChange={(region) => setF({ ...f, region })} />
        <span className="muted">{shown.length} of {rows.length}</span>
      </div>
      <div className="table-scroll">
        <table aria-label="Rollouts">
          <thead>
            <tr>
              <th>group</th><th>question</th><th>topic</th><th>region</th><th>original</th><th>target</th><th>response</th>
              <th>detected</th><th>similarity</th><th>calibrated</th><th>reward</th><th>advantage</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                <td className="num">{r.group}</td>
                <td className="text-cell">{r.question}</td>
                <td>{r.topic}</td>
                <td>{r.region}</td>
                <td><Lang code={r.origLang} /></td>
                <td><Lang code={r.targetLang} /></td>
                <td className="text-cell response">{r.response}</td>
                <td className={r.detectedLang === r.targetLang ? 'ok' : 'mismatch'}>{r.detectedLang}</td>
                <td className="num">{r.similarity.toFixed(3)}</td>
                <td className="num">{r.calibrated.toFixed(3)}</td>
                <td className="num">{r.reward.toFixed(3)}</td>
                <td className="num">{r.advantage.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">No rollouts yet: start training.</p>}
      </div>
    </div>
  );
}
