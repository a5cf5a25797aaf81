// The items table with filters; a click opens the item's detail. Dataset text is rendered as text.
import { useMemo, useState } from 'react';
import { COUNT_KEYS, languageFlag } from '../../../eval/metrics';
import { useEvalStore } from '../../store/eval-store';
import { clip } from './format';
import { ItemDetail } from './ItemDetail';
import { describeFilter, filterRows } from './items-filter';

const PAGE = 100;

export function ItemsPanel() {
  const rows = useEvalStore((s) => s.rows);
  const filter = useEvalStore((s) => s.filter);
  const seen = useEvalStore((s) => s.seen);
  const detections = useEvalStore((s) => s.detections);
  const selectedId = useEvalStore((s) => s.selectedId);
  const st = useEvalStore.getState();
  const [page, setPage] = useState(0);
  const shown = useMemo(() => filterRows(rows, filter, seen, detections), [rows, filter, seen, detections]);
  const languages = useMemo(() => [...new Set(rows.map((r) => r.language))].sort(), [rows]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const p = Math.min(page, pages - 1);
  const selected = rows.find((r) => r.id === selectedId);
  const set = (patch: object) => {
    setPage(0);
    st.setFilter({ ...filter, ...patch });
  };
  return (
    <div className="panel">
      <h3>Items</h3>
      <div className="row">
        <select aria-label="Filter by label" value={filter.label ?? ''} onChange={(e) => set({ label: e.target.value || undefined })}>
          <option value="">any label</option>
          {COUNT_KEYS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <select aria-label="Filter by language" value={filter.language ?? ''} onChange={(e) => set({ language: e.target.value || undefined })}>
          <option value="">any language</option>
          {languages.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
        <label className="check">
          <input type="checkbox" checked={!!filter.flaggedOnly} onChange={(e) => set({ flaggedOnly: e.target.checked || undefined })} /> detector flag only
        </label>
        <input aria-label="Search items" placeholder="search text" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value || undefined })} />
        <button onClick={() => set({ label: undefined, language: undefined, region: undefined, setting: undefined, seen: undefined, flaggedOnly: undefined, text: undefined })}>
          Clear filters
        </button>
        <span className="muted" data-testid="items-count">{shown.length} of {rows.length} items ({describeFilter(filter)})</span>
      </div>
      <div className="eval-table-wrap">
        <table aria-label="Items">
          <thead>
            <tr><th>id</th><th>lang</th><th>region</th><th>setting</th><th>question</th><th>prediction</th><th>label</th><th>flag</th></tr>
          </thead>
          <tbody>
            {shown.slice(p * PAGE, (p + 1) * PAGE).map((r) => (
              <tr key={r.id} className={r.id === selectedId ? 'clickable selected' : 'clickable'} onClick={() => st.select(r.id)} data-testid={`item-${r.id}`}>
                <td>{r.id}</td><td>{r.language}</td><td>{r.region ?? ''}</td><td>{r.setting ?? ''}</td>
                <td>{clip(r.question)}</td><td>{clip(r.prediction)}</td>
                <td className={`label-${r.verdict?.label ?? 'UNJUDGED'}`}>{r.verdict?.label ?? 'UNJUDGED'}</td>
                <td>{languageFlag(r, detections.get(r.id)) ? `⚑ ${detections.get(r.id)!.lang}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div className="row">
          <button disabled={p === 0} onClick={() => setPage(p - 1)}>Previous</button>
          <span>page {p + 1} of {pages}</span>
          <button disabled={p >= pages - 1} onClick={() => setPage(p + 1)}>Next</button>
        </div>
      )}
      {selected && <ItemDetail row={selected} detected={detections.get(selected.id)} />}
    </div>
  );
}
