// Problems of a dataset file, each as "file, row N (or line N), field F: reason" — the same text the
// CLI prints (formatProblem). Rendered as text only.
import { formatProblem, type Problem } from '../../../data/example';

interface Props {
  title: string;
  problems: readonly Problem[];
  max?: number;
  onDismiss?: () => void;
}

export function DataProblemList({ title, problems, max = 50, onDismiss }: Props) {
  if (!problems.length) return null;
  return (
    <div className="error problem-list" role="alert">
      <div className="row">
        <strong>{title}</strong>
        {onDismiss && <button onClick={onDismiss}>Dismiss</button>}
      </div>
      <ul>
        {problems.slice(0, max).map((p, i) => <li key={i}>{formatProblem(p)}</li>)}
      </ul>
      {problems.length > max && <p>… and {problems.length - max} more</p>}
    </div>
  );
}
