// Small form fields for the playground: numbers commit on Enter or blur (each change restarts the
// simulation), and say what is wrong instead of applying a bad value.

import { useEffect, useState } from 'react';
import { langColor } from '../../charts/lang-colors';

export function NumberField(props: {
  label: string;
  value: number;
  onCommit(v: number): void;
  min?: number;
  max?: number;
  integer?: boolean;
  step?: number;
  help?: string;
  width?: number;
  testId?: string;
}) {
  const [text, setText] = useState(String(props.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(String(props.value)), [props.value]);
  const commit = () => {
    const v = Number(text);
    let why: string | null = null;
    if (text.trim() === '' || !Number.isFinite(v)) why = 'not a number';
    else if (props.integer && !Number.isInteger(v)) why = 'must be a whole number';
    else if (props.min !== undefined && v < props.min) why = `must be ≥ ${props.min}`;
    else if (props.max !== undefined && v > props.max) why = `must be ≤ ${props.max}`;
    setError(why);
    if (!why && v !== props.value) props.onCommit(v);
  };
  return (
    <label className="pg-field" title={props.help}>
      <span className="pg-field-label">{props.label}</span>
      <input
        type="text"
        inputMode="decimal"
        aria-label={props.label}
        data-testid={props.testId}
        style={{ width: props.width ?? 72 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        aria-invalid={error ? true : undefined}
      />
      {error && <span className="pg-field-error" role="alert">{props.label}: {error}</span>}
      {props.help && <span className="pg-help">{props.help}</span>}
    </label>
  );
}

export function TextField(props: { label: string; value: string; onCommit(v: string): void; help?: string; width?: number }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => text !== props.value && props.onCommit(text);
  return (
    <label className="pg-field" title={props.help}>
      <span className="pg-field-label">{props.label}</span>
      <input type="text" aria-label={props.label} style={{ width: props.width ?? 160 }} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      {props.help && <span className="pg-help">{props.help}</span>}
    </label>
  );
}

export function LangChip({ code, mark }: { code: string; mark?: string }) {
  return (
    <span className="pg-chip">
      <span className="pg-dot" style={{ background: langColor(code) }} />
      {code}
      {mark && <span className="pg-mark">{mark}</span>}
    </span>
  );
}
