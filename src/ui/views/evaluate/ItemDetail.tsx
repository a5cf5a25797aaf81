// One item in full: question, gold target, prediction, label, the judge's raw reply and the
// detector's view. All as text (never HTML).
import { languageName } from '../../../data/languages';
import { FLAG_MIN_PROB, languageFlag } from '../../../eval/metrics';
import type { DetectedLanguage, PredictionRow } from '../../../eval/types';
import { useEvalStore } from '../../store/eval-store';

export function ItemDetail({ row, detected }: { row: PredictionRow; detected?: DetectedLanguage }) {
  const detector = useEvalStore((s) => s.detector);
  const v = row.verdict;
  return (
    <section className="eval-detail" aria-label={`Item ${row.id}`}>
      <div className="row">
        <h4>Item {row.id}</h4>
        <span className="muted">row {row.index} · {row.language} ({languageName(row.language)}) · {row.region ?? 'no region'} · {row.setting ?? 'no setting'}</span>
        <button onClick={() => useEvalStore.getState().select(null)}>Close</button>
      </div>
      <dl>
        <dt>Question</dt><dd className="eval-text">{row.question}</dd>
        <dt>Target (gold)</dt><dd className="eval-text">{row.target}</dd>
        <dt>Prediction</dt><dd className="eval-text" data-testid="detail-prediction">{row.prediction === '' ? '(empty)' : row.prediction}</dd>
        <dt>Label</dt>
        <dd data-testid="detail-label">
          {v ? `${v.label}${v.model === 'input' ? ' (from the file)' : ` (judge ${v.model}${v.cached ? ', cached' : ''})`}` : 'not judged yet'}
        </dd>
        <dt>Judge reply (raw)</dt><dd className="eval-text" data-testid="detail-raw">{v ? (v.raw === '' ? '(no reply)' : v.raw) : ''}</dd>
        {v?.reason && (<><dt>Why</dt><dd>{v.reason}</dd></>)}
        <dt>Language detector</dt>
        <dd>
          {detector.status === 'unavailable'
            ? 'detector unavailable'
            : !detected
              ? 'not checked yet'
              : detected.lang === null
                ? 'no language (too little text)'
                : `${detected.lang} (p = ${detected.prob.toFixed(2)})${
                    languageFlag(row, detected)
                      ? ` — differs from the question's language ${row.language}`
                      : detected.lang !== row.language
                        ? ` — differs from ${row.language}, but below the flag threshold p ≥ ${FLAG_MIN_PROB}`
                        : ''
                  }`}
        </dd>
      </dl>
    </section>
  );
}
