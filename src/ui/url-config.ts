// RunConfig <-> URL query string, TensorFlow Playground style: only the options that differ from the
// reference defaults appear (`?actor.rollout_n=4&router.lang_policy_alpha=0.2`), so a link is short and
// shares the whole run. Reading is validated field by field: a bad parameter is reported by name with
// the reason and that option falls back to its default; every good parameter is still applied.

import type { RunConfig } from '../lrpo/config';
import type { Problem } from '../data/example';
import { configProblems } from '../lrpo/config-rules';
import { clipText } from '../data/brief';
import {
  FIELDS,
  FIELD_BY_PATH,
  defaults,
  formatFieldValue,
  getField,
  parseFieldValue,
  setField,
} from './config-fields';

/** Query parameters the studio uses for other things than the run configuration. */
const NON_CONFIG_PARAMS = new Set(['view', 'test']);

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The query string (without "?") holding the options of cfg that differ from the defaults. */
export function configToQuery(cfg: RunConfig): string {
  const base = defaults();
  const params = new URLSearchParams();
  for (const spec of FIELDS) {
    const v = getField(cfg, spec.path);
    if (!sameValue(v, getField(base, spec.path))) params.set(spec.path, formatFieldValue(spec, v));
  }
  return params.toString().replace(/%2C/g, ',');
}

export interface QueryReadResult {
  config: RunConfig;
  /** one per rejected parameter: field = the parameter name, reason = why; file = "URL" */
  problems: Problem[];
}

/** Percent-decoding as URLSearchParams does it ('+' is a space, a '%' without two hex digits stays), but null for bytes that are not UTF-8 (URLSearchParams would put U+FFFD there without a word). */
function decodeQueryPart(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ').replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return null;
  }
}

/** The name=value pairs of a query string; `value` is null when it is not UTF-8 once decoded. */
function queryPairs(search: string): { name: string | null; rawName: string; value: string | null }[] {
  const q = search.startsWith('?') ? search.slice(1) : search;
  return q.split('&').filter(Boolean).map((seg) => {
    const eq = seg.indexOf('=');
    const rawName = eq < 0 ? seg : seg.slice(0, eq);
    return { name: decodeQueryPart(rawName), rawName, value: decodeQueryPart(eq < 0 ? '' : seg.slice(eq + 1)) };
  });
}

const NOT_UTF8 = 'is not UTF-8 text once percent-decoded';

/** Reads a query string ("?a=1&b=2" or "a=1&b=2") on top of the defaults. */
export function configFromQuery(search: string): QueryReadResult {
  let cfg = defaults();
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { name, rawName, value: text } of queryPairs(search)) {
    if (name === null) {
      problems.push({ file: 'URL', field: clipText(rawName), reason: `the parameter name ${NOT_UTF8} (ignored)` });
      continue;
    }
    if (NON_CONFIG_PARAMS.has(name)) continue;
    const spec = FIELD_BY_PATH.get(name);
    if (!spec) {
      problems.push({ file: 'URL', field: clipText(name), reason: 'unknown option (ignored)' });
      continue;
    }
    if (seen.has(name)) {
      problems.push({ file: 'URL', field: name, reason: 'given more than once (the first value is used)' });
      continue;
    }
    seen.add(name);
    if (text === null) {
      problems.push({ file: 'URL', field: name, reason: `the value ${NOT_UTF8}; using the default ${formatFieldValue(spec, getField(cfg, name))}` });
      continue;
    }
    const r = parseFieldValue(spec, text);
    if ('reason' in r) {
      problems.push({ file: 'URL', field: name, reason: `${r.reason}; using the default ${formatFieldValue(spec, getField(cfg, name))}` });
      continue;
    }
    cfg = setField(cfg, name, r.value);
  }
  // A combination that breaks a rule across options (config-rules.ts, the same table the core checks
  // with): revert the parameters from this URL that the rule involves, last given first, to their
  // defaults until every rule holds, and name each one. The defaults always hold.
  const given = [...seen];
  for (let p = configProblems(cfg)[0]; p; p = configProblems(cfg)[0]) {
    const culprit = [...given].reverse().find((g) => p.involves.includes(g));
    if (!culprit) break; // nothing from the URL to revert (cannot happen: the defaults hold)
    given.splice(given.indexOf(culprit), 1);
    const spec = FIELD_BY_PATH.get(culprit)!;
    const def = getField(defaults(), culprit);
    const where = p.field === culprit ? '' : `${p.field}: `;
    problems.push({ file: 'URL', field: culprit, reason: `${where}${p.reason}; using the default ${formatFieldValue(spec, def)}` });
    cfg = setField(cfg, culprit, def);
  }
  return { config: cfg, problems };
}
