// Values and names as problem messages show them: short (a 10 MB string in a bad field must not
// become a 10 MB message) and honest about numbers (JSON.stringify prints Infinity, which 1e400
// parses to, as "null").

/** `s` cut to `max` characters with an ellipsis. */
export function clipText(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A value for a message: numbers as JavaScript prints them, anything else as (cut) JSON. */
export function brief(v: unknown, max = 60): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}`;
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v.length > max ? `${JSON.stringify(v.slice(0, max)).slice(0, -1)}…` : JSON.stringify(v);
  let json: string | undefined;
  try {
    json = JSON.stringify(v);
  } catch {
    json = undefined;
  }
  return clipText(json ?? String(typeof v), max);
}
