// Quantile-CDF calibration (the paper's main variant): per unordered language pair, a table of the
// similarity distribution measured on equivalent texts, and s is mapped through its piecewise-linear
// CDF. Our JSON schema (authored by us; the reference ships no file format for it):
//
//   { "anchor": 0.99,
//     "pairs": { "de-en": { "quantiles": [0, 0.25, 0.5, 0.75, 1],
//                            "values":    [0.41, 0.62, 0.70, 0.77, 0.93] }, ... } }
//
// - anchor (optional): the upper anchor U (the fit writes the mean similarity of same-language
//   pairs); similarities are first normalized s = min(1, s / (U + 1e-6)) and the knots are in those
//   units. Without an anchor s is used as it is;
// - key: two language codes joined by "-" in either order ("en-de" is the same pair);
// - quantiles: probabilities in [0, 1], strictly increasing, at least 2;
// - values: similarities in [-1, 1], non-decreasing, same length (values[i] is the quantiles[i]-quantile).
// Mapping, as the reference's code does it: F(s) = 0 below the first knot, 1 at or above the last,
// the quantile of the first knot whose value equals s when one does (the first of tied knots), and
// linear interpolation between the neighbouring knots otherwise. A pair missing from the table gives
// F = clamp(s, 0, 1). Then s_cal = 2·F − 1 ∈ [−1, 1], so that the reward r = (s_cal + 1) / 2 = F.

import type { Problem } from '../../data/example';
import { pairKey, tableLanguage } from './calibration';
import { jsonErrorOffset } from './json-error-offset';
import { clipText } from '../../data/brief';

export interface QuantilePair {
  langA: string;
  langB: string;
  quantiles: number[];
  values: number[];
}

export interface QuantileTable {
  pairs: Map<string, QuantilePair>;
  /** the upper anchor U (undefined: no normalization) */
  anchor?: number;
}

/** s = min(1, s / (U + 1e-6)), the reference's normalization by the upper anchor (s itself without one). */
function anchorNormalize(s: number, anchor: number | undefined): number {
  return anchor === undefined ? s : Math.min(1, s / (anchor + 1e-6));
}

/** 1-based line and column of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line of the first JSON syntax error (our own scan: engines' messages differ). */
function syntaxErrorLine(text: string): number | undefined {
  const at = jsonErrorOffset(text);
  return at === null ? undefined : lineOf(text, at);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseQuantileTable(jsonText: string, fileName: string): { table: QuantileTable; problems: Problem[] } {
  const problems: Problem[] = [];
  const pairs = new Map<string, QuantilePair>();
  const table: QuantileTable = { pairs };
  let doc: unknown;
  try {
    doc = JSON.parse(jsonText);
  } catch (e) {
    const msg = (e as Error).message;
    const line = syntaxErrorLine(jsonText);
    problems.push({ file: fileName, ...(line !== undefined ? { line } : {}), reason: `not valid JSON: ${clipText(msg.replace(/\s+/g, ' '), 160)}` });
    return { table, problems };
  }
  if (!isObject(doc) || !isObject(doc.pairs)) {
    problems.push({ file: fileName, line: 1, field: 'pairs', reason: 'expected an object {"pairs": {"xx-yy": {"quantiles": [...], "values": [...]}}}' });
    return { table, problems };
  }
  if (doc.anchor !== undefined) {
    const a = doc.anchor;
    if (typeof a !== 'number' || !Number.isFinite(a) || a <= 0 || a > 1) {
      problems.push({ file: fileName, line: lineOf(jsonText, Math.max(0, jsonText.indexOf('"anchor"'))), field: 'anchor', reason: `expected the upper anchor, a similarity in (0, 1], got ${clipText(JSON.stringify(a) ?? String(a), 40)}` });
    } else table.anchor = a;
  }
  // keys are found in file order, so lines are counted on from the previous key (a count from the
  // start for each key made large tables quadratic)
  let searchFrom = 0;
  let counted = 0;
  let countedLine = 1;
  for (const [key, entry] of Object.entries(doc.pairs)) {
    const at = jsonText.indexOf(JSON.stringify(key), searchFrom);
    if (at >= 0) {
      searchFrom = at + 1;
      for (; counted < at; counted++) if (jsonText.charCodeAt(counted) === 10) countedLine++;
    }
    const line = at >= 0 ? countedLine : undefined;
    const bad = (field: string, reason: string) =>
      problems.push({ file: fileName, ...(line !== undefined ? { line } : {}), field: `pairs.${clipText(key)}${field}`, reason });
    const parts = key.split('-');
    const langA = parts.length === 2 ? tableLanguage(parts[0]) : null;
    const langB = parts.length === 2 ? tableLanguage(parts[1]) : null;
    if (!langA || !langB) {
      bad('', `'${clipText(key)}' is not a language pair like "de-en"`);
      continue;
    }
    if (!isObject(entry)) {
      bad('', 'expected an object with "quantiles" and "values"');
      continue;
    }
    const { quantiles, values } = entry;
    const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!numbers(quantiles) || quantiles.length < 2) {
      bad('.quantiles', 'expected an array of at least 2 finite numbers');
      continue;
    }
    if (!numbers(values) || values.length !== quantiles.length) {
      bad('.values', `expected an array of ${quantiles.length} finite numbers (as many as quantiles)`);
      continue;
    }
    const qi = quantiles.findIndex((q, i) => q < 0 || q > 1 || (i > 0 && q <= quantiles[i - 1]));
    if (qi >= 0) {
      bad(`.quantiles[${qi}]`, `${quantiles[qi]}: quantiles must be strictly increasing probabilities in [0, 1]`);
      continue;
    }
    const vi = values.findIndex((v, i) => v < -1 || v > 1 || (i > 0 && v < values[i - 1]));
    if (vi >= 0) {
      bad(`.values[${vi}]`, `${values[vi]}: values must be non-decreasing similarities in [-1, 1]`);
      continue;
    }
    const k = pairKey(langA, langB);
    if (pairs.has(k)) {
      bad('', `pair ${langA}-${langB} is given twice (this entry is ignored)`);
      continue;
    }
    pairs.set(k, { langA, langB, quantiles: [...quantiles], values: [...values] });
  }
  return { table, problems };
}

/** F(s): the piecewise-linear CDF of one pair's table, as the reference computes it (see the header). */
export function quantileCdf(s: number, pair: Pick<QuantilePair, 'quantiles' | 'values'>): number {
  const { quantiles: q, values: v } = pair;
  const last = v.length - 1;
  if (s < v[0]) return 0;
  if (s >= v[last]) return 1;
  // first knot whose value is >= s (bisect_left): on a knot (the first of tied ones) its quantile
  let i = 0;
  while (v[i] < s) i++;
  if (v[i] === s) return q[i];
  const t = (s - v[i - 1]) / (v[i] - v[i - 1]);
  return q[i - 1] + t * (q[i] - q[i - 1]);
}

/** s_cal = 2·F − 1 of the anchor-normalized s; a pair missing from the table gives F = clamp(s, 0, 1). */
export function quantileCalibrate(s: number, langA: string, langB: string, table: QuantileTable): number {
  const x = anchorNormalize(s, table.anchor);
  const pair = table.pairs.get(pairKey(langA, langB));
  const f = pair ? quantileCdf(x, pair) : Math.min(1, Math.max(0, x));
  return 2 * f - 1;
}

/** The q-quantile of sorted samples with linear interpolation (numpy's default method). */
export function sampleQuantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Default knots: 0, 0.05, ..., 1 (21 quantiles). */
export const DEFAULT_QUANTILES = Array.from({ length: 21 }, (_, i) => i / 20);

/**
 * The upper anchor U: the mean similarity of the same-language pairs (lang, lang) over all their
 * samples; undefined when there are none.
 */
export function anchorFromSamples(pairs: readonly { langA: string; langB: string; samples: readonly number[] }[]): number | undefined {
  let sum = 0;
  let n = 0;
  for (const p of pairs) {
    if (p.langA !== p.langB) continue;
    for (const x of p.samples) sum += x;
    n += p.samples.length;
  }
  return n ? sum / n : undefined;
}

/**
 * A quantile table measured from similarity samples per pair (values clipped to [-1, 1]); with an
 * anchor the samples are normalized by it first, so the knots are in the units the mapping uses.
 */
export function quantileTableFromSamples(
  pairs: readonly { langA: string; langB: string; samples: readonly number[] }[],
  quantiles: readonly number[] = DEFAULT_QUANTILES,
  anchor?: number,
): QuantileTable {
  const out = new Map<string, QuantilePair>();
  for (const { langA, langB, samples } of pairs) {
    if (samples.length === 0) continue;
    const sorted = samples.map((x) => anchorNormalize(x, anchor)).sort((a, b) => a - b);
    const values = quantiles.map((q) => Math.min(1, Math.max(-1, sampleQuantile(sorted, q))));
    out.set(pairKey(langA, langB), { langA, langB, quantiles: [...quantiles], values });
  }
  return anchor === undefined ? { pairs: out } : { pairs: out, anchor };
}

/** The JSON schema documented at the top of this file. */
export function formatQuantileTableJson(table: QuantileTable): string {
  const pairs: Record<string, { quantiles: number[]; values: number[] }> = {};
  for (const p of table.pairs.values()) pairs[`${p.langA}-${p.langB}`] = { quantiles: p.quantiles, values: p.values };
  return JSON.stringify(table.anchor === undefined ? { pairs } : { anchor: table.anchor, pairs }, null, 2) + '\n';
}
