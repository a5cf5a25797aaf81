// Lists problems (file, line/row, field, reason) as text. Dataset text is never rendered as HTML.

import type { Problem } from '../../data/example';

interface Props {
  problems: readonly Problem[];
  title: string;
  /** "line" for line-oriented files (1-based), "row" for tables */
  lineWord?: 'line' | 'row';
  onDismiss?: () => void;
  max?: number;
}

export function ProblemList({ problems, title, lineWord = 'row', onDismiss, max = 50 }: Props) {
  if (!problems.length) return null;
  return (
    <div className="error problem-list" role="alert">
      <div className="row"><strong>{title} ({problems.length})</strong>{onDismiss && <button onClick={onDismiss}>Dismiss</button>}</div>
      <ul>
        {problems.slice(0, max).map((p, i) => (
          <li key={i}>
            {[p.file, (p.line ?? p.row) !== undefined ? `${lineWord} ${p.line ?? p.row}` : undefined, p.field].filter(Boolean).join(', ')}
            {': '}{p.reason}
          </li>
        ))}
      </ul>
      {problems.length > max && <p>… and {problems.length - max} more</p>}
    </div>
  );
}
