// Small display helpers for the Evaluate view.
export function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

export function fmtDuration(ms: number | null): string {
  if (ms === null) return '…';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export function clip(text: string, n = 80): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

export const LABEL_COLORS: Record<string, string> = {
  CORRECT: '#1a7f37',
  CORRECT_BUT_WRONG_LANGUAGE: '#bf8700',
  INCORRECT: '#b42318',
  NOT_ATTEMPTED: '#6b6b7b',
  UNPARSEABLE: '#8250df',
  UNJUDGED: '#c9c9d4',
};
