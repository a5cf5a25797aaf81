// Headline counts of the current dataset and its breakdown by topic, region and original language.
import { useMemo } from 'react';
import { languageName } from '../../../data/languages';
import { summarize } from '../../../data/summary';
import { useDataStore } from '../../store/data-store';
import { CountChart } from './CountChart';

export function DatasetStats() {
  const examples = useDataStore((s) => s.examples);
  const rowCount = useDataStore((s) => s.rowCount);
  const fileName = useDataStore((s) => s.fileName);
  const format = useDataStore((s) => s.format);
  const s = useMemo(() => summarize({ rowCount, examples }), [rowCount, examples]);
  return (
    <section className="panel" aria-label="Dataset summary">
      <h3>
        {fileName}
        {format && <span className="muted"> ({format})</span>}
      </h3>
      <div className="row data-stats">
        <span className="stat" data-testid="stat-rows"><b>{s.rows}</b>rows</span>
        <span className="stat ok" data-testid="stat-usable"><b>{s.usable}</b>usable</span>
        <span className={s.unusable ? 'stat data-bad' : 'stat'} data-testid="stat-unusable"><b>{s.unusable}</b>unusable</span>
        <span className="stat" data-testid="stat-topics"><b>{s.byTopic.length}</b>topics</span>
        <span className="stat" data-testid="stat-regions"><b>{s.byRegion.filter((c) => c.key !== '(none)').length}</b>regions</span>
        <span className="stat" data-testid="stat-languages"><b>{s.byLanguage.length}</b>languages</span>
      </div>
      <div className="grid data-charts">
        <CountChart title="Examples by topic" counts={s.byTopic} />
        <CountChart title="Examples by region" counts={s.byRegion} />
        <CountChart title="Examples by original language" counts={s.byLanguage} byLanguage />
      </div>
      <p className="muted data-legend">
        Languages: {s.byLanguage.map((c) => `${c.key} = ${languageName(c.key)}`).join(', ')}
      </p>
    </section>
  );
}
