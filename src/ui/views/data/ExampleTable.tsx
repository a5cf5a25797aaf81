// The examples of the current dataset: text search, topic/region/language filters, pages. All
// dataset text is rendered as React text nodes (never as HTML).
import { Fragment, useMemo, useState } from 'react';
import { summarize } from '../../../data/summary';
import { useDataStore } from '../../store/data-store';
import { filterExamples, NO_FILTER, pageCount, pageOf, type ExampleFilter } from './example-filter';

const PAGE_SIZE = 25;

export function ExampleTable() {
  const examples = useDataStore((s) => s.examples);
  const rowCount = useDataStore((s) => s.rowCount);
  const format = useDataStore((s) => s.format);
  const [filter, setFilter] = useState<ExampleFilter>(NO_FILTER);
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const s = useMemo(() => summarize({ rowCount, examples }), [rowCount, examples]);
  const shown = useMemo(() => filterExamples(examples, filter), [examples, filter]);
  const pages = pageCount(shown.length, PAGE_SIZE);
  const current = Math.min(page, pages - 1);
  const update = (patch: Partial<ExampleFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const select = (label: string, key: keyof ExampleFilter, options: { key: string }[]) => (
    <label>
      {label}{' '}
      <select aria-label={`Filter by ${label.toLowerCase()}`} value={filter[key]} onChange={(e) => update({ [key]: e.target.value })}>
        <option value="">all</option>
        {options.map((o) => <option key={o.key} value={o.key}>{o.key}</option>)}
      </select>
    </label>
  );
  const rowWord = format === 'jsonl' ? 'line' : 'row';
  return (
    <section className="panel" aria-label="Examples">
      <h3>Examples</h3>
      <div className="row data-filters">
        <input type="search" placeholder="Search question, answer, references" aria-label="Search examples" value={filter.text} onChange={(e) => update({ text: e.target.value })} />
        {select('Topic', 'topic', s.byTopic)}
        {select('Region', 'region', s.byRegion)}
        {select('Language', 'language', s.byLanguage)}
        <span className="muted" data-testid="example-match-count">{shown.length} of {examples.length} examples</span>
      </div>
      <div className="data-table-wrap">
        <table className="data-table">
          <thead>
            <tr><th>{rowWord}</th><th>question</th><th>answer</th><th>topic</th><th>lang</th><th>region</th></tr>
          </thead>
          <tbody>
            {pageOf(shown, current, PAGE_SIZE).map((e) => (
              <Fragment key={e.index}>
                <tr className="data-example" onClick={() => setOpen(open === e.index ? null : e.index)}>
                  <td>{e.index}</td>
                  <td className="data-text">{e.question}</td>
                  <td className="data-text">{e.answer}</td>
                  <td>{e.topic}</td>
                  <td>{e.language}</td>
                  <td>{e.regions.join(', ')}</td>
                </tr>
                {open === e.index && (
                  <tr className="data-refs">
                    <td />
                    <td colSpan={5}>
                      <strong>References</strong>
                      <ul>
                        {Object.entries(e.references).map(([l, r]) => <li key={l}><code>{l}</code> {r}</li>)}
                      </ul>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button onClick={() => setPage(Math.max(0, current - 1))} disabled={current === 0}>Previous</button>
        <span>page {current + 1} of {pages}</span>
        <button onClick={() => setPage(Math.min(pages - 1, current + 1))} disabled={current >= pages - 1}>Next</button>
      </div>
    </section>
  );
}
