// Column mapping for a file whose columns were not all recognised: pick a column per field.
import { FIELDS, REQUIRED_FIELDS } from '../../../eval/columns';
import { useEvalStore } from '../../store/eval-store';
import { clip } from './format';

const FIELD_HELP: Record<string, string> = {
  question: 'the question text',
  target: 'the gold answer',
  prediction: "the model's answer",
  language: "the question's language (name or ISO code)",
  region: 'region or country',
  setting: 'local-insider or cross-cultural',
  label: 'an existing judge label (optional)',
  id: 'an item id (optional; pairs the same question across models)',
  model: 'which model wrote the prediction (optional; several models may share a file)',
  second_label: "a second judge's or a person's label (optional; judge agreement)",
  translation: "the question's English translation (optional)",
};

export function MappingPanel() {
  const pending = useEvalStore((s) => s.pending)!;
  const st = useEvalStore.getState();
  const first = pending.table.records[0]?.values ?? {};
  return (
    <div className="eval-mapping" role="group" aria-label="Column mapping">
      <p>
        <b>{pending.fileName}</b>: choose the column for each field
        {pending.missing.length > 0 && <> (still needed: {pending.missing.join(', ')})</>}.
      </p>
      <table>
        <thead>
          <tr><th>Field</th><th>Column</th><th>First row</th></tr>
        </thead>
        <tbody>
          {FIELDS.map((f) => {
            const col = pending.mapping[f] ?? '';
            return (
              <tr key={f}>
                <td>
                  {f}{REQUIRED_FIELDS.includes(f) ? ' *' : ''} <span className="muted">{FIELD_HELP[f]}</span>
                </td>
                <td>
                  <select aria-label={`Column for ${f}`} value={col} onChange={(e) => st.setPendingColumn(f, e.target.value)}>
                    <option value="">(none)</option>
                    {pending.table.columns.map((c) => (
                      <option key={c} value={c}>{c}</option>
                    ))}
                  </select>
                </td>
                <td className="muted">{col ? clip(String(first[col] ?? ''), 60) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="row">
        <button className="primary" disabled={pending.missing.length > 0} onClick={() => st.applyPending()}>Use these columns</button>
        <button onClick={() => st.cancelPending()}>Cancel</button>
      </div>
    </div>
  );
}
