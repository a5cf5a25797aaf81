// Turns source records (from parquet, JSONL or CSV) into prediction rows through a column mapping.
// Every record that cannot be used is reported with its place and why; the others are kept.
import type { Problem } from '../data/example';
import { toLanguageCode } from '../data/languages';
import { missingFields, type ColumnMapping, type Field } from './columns';
import { labelFromValue } from './labels';
import type { PredictionRow, Setting } from './types';

/** One record of a source file with where it came from. */
export interface SourceRecord {
  values: Record<string, unknown>;
  /** 1-based line for text files (JSONL, CSV) */
  line?: number;
}

export interface LoadedRows {
  rows: PredictionRow[];
  /** records left out, and notes about kept records (e.g. an unreadable label column value) */
  problems: Problem[];
}

/** Maximum characters kept per text field; longer values are refused with a problem. */
const MAX_FIELD_CHARS = 200_000;

/** Normalizes a setting value to local-insider | cross-cultural; null when unrecognised. */
export function normalizeSetting(value: string): Setting | null {
  const v = value.trim().toLowerCase().replace(/[\s_\-]+/g, '-');
  if (['local-insider', 'local', 'insider', 'local-insider-knowledge', 'localinsider', 'in-culture', 'li'].includes(v)) {
    return 'local-insider';
  }
  if (['cross-cultural', 'cross', 'crosscultural', 'cross-culture', 'cc', 'outsider'].includes(v)) return 'cross-cultural';
  return null;
}

type Text = { ok: true; value: string | null } | { ok: false; reason: string };

/** Reads a cell as text: strings as-is, finite numbers and booleans as text, null/undefined as null. */
function asText(v: unknown): Text {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (typeof v === 'string') {
    if (v.length > MAX_FIELD_CHARS) return { ok: false, reason: `text is ${v.length} characters, more than ${MAX_FIELD_CHARS}` };
    return { ok: true, value: v };
  }
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: String(v) } : { ok: false, reason: `is ${v}, not text` };
  if (typeof v === 'bigint' || typeof v === 'boolean') return { ok: true, value: String(v) };
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { ok: true, value: v.join(', ') };
  return { ok: false, reason: `expected text, got ${Array.isArray(v) ? 'a list' : typeof v}` };
}

function where(file: string, rec: SourceRecord, index: number): Pick<Problem, 'file' | 'row'> & { at: string } {
  return { file, row: index, at: rec.line !== undefined ? ` (line ${rec.line})` : '' };
}

export interface RowsOptions {
  /** benchmark questions without predictions: the prediction column may be left unmapped */
  questionsOnly?: boolean;
}

export function rowsFromRecords(
  records: readonly SourceRecord[],
  columns: readonly string[],
  mapping: ColumnMapping,
  file: string,
  opts: RowsOptions = {},
): LoadedRows {
  const questionsOnly = !!opts.questionsOnly && !mapping.prediction;
  const missing = missingFields(mapping, columns).filter((f) => !(questionsOnly && f === 'prediction'));
  if (missing.length) {
    return {
      rows: [],
      problems: missing.map((f) => ({
        file,
        field: f,
        reason: mapping[f]
          ? `column '${mapping[f]}' mapped to ${f} is not in the file (columns: ${columns.join(', ')})`
          : `no column for ${f}; pick one (columns: ${columns.join(', ')})`,
      })),
    };
  }
  const rows: PredictionRow[] = [];
  const problems: Problem[] = [];
  const seenIds = new Set<string>();
  records.forEach((rec, index) => {
    const w = where(file, rec, index);
    const get = (f: Field): Text => (mapping[f] ? asText(rec.values[mapping[f]!]) : { ok: true, value: null });
    const fail = (f: Field, reason: string) => problems.push({ file, row: w.row, field: mapping[f] ?? f, reason: `${reason}${w.at}` });
    const text: Partial<Record<Field, string | null>> = {};
    for (const f of ['question', 'target', 'prediction', 'language', 'region', 'setting', 'label', 'id', 'model', 'second_label', 'translation'] as const) {
      const t = get(f);
      if (!t.ok) return void fail(f, `${f} ${t.reason}`);
      text[f] = t.value;
    }
    if (text.question == null || text.question.trim() === '') return void fail('question', 'question is missing or empty');
    if (text.target == null || text.target.trim() === '') return void fail('target', 'target is missing or empty');
    if (questionsOnly) text.prediction = '';
    if (text.prediction == null) return void fail('prediction', 'prediction is missing (an empty answer must be given as "")');
    if (text.language == null || text.language.trim() === '') return void fail('language', 'language is missing');
    const language = toLanguageCode(text.language);
    if (!language) return void fail('language', `language '${text.language.slice(0, 40)}' is not a language name or ISO code we know`);
    let setting: Setting | null = null;
    if (text.setting != null && text.setting.trim() !== '') {
      setting = normalizeSetting(text.setting);
      if (!setting) {
        return void fail('setting', `setting '${text.setting.slice(0, 40)}' is neither local-insider nor cross-cultural`);
      }
    }
    const qid = text.id != null && text.id.trim() !== '' ? text.id.trim() : `row-${index}`;
    const model = text.model != null && text.model.trim() !== '' ? text.model.trim() : null;
    // rows of several models share question ids: the row id names the model too
    let id = model ? `${model}/${qid}` : qid;
    if (seenIds.has(id)) id = `${id}#${index}`;
    seenIds.add(id);
    const row: PredictionRow = {
      id,
      qid,
      model,
      questionEn: text.translation != null && text.translation.trim() !== '' ? text.translation : null,
      ...(questionsOnly ? { noPrediction: true } : {}),
      index,
      question: text.question,
      target: text.target,
      prediction: text.prediction,
      language,
      region: text.region != null && text.region.trim() !== '' ? text.region.trim() : null,
      setting,
    };
    if (text.second_label != null && text.second_label.trim() !== '') {
      const label2 = labelFromValue(text.second_label);
      if (label2) row.fileLabels = { label2 };
      else problems.push({ file, row: index, field: mapping.second_label, reason: `second label '${text.second_label.slice(0, 40)}' is not a judge label; left out${w.at}` });
    }
    if (text.label != null && text.label.trim() !== '') {
      const label = labelFromValue(text.label);
      if (label) {
        row.verdict = { label, raw: text.label, model: 'input' };
        row.fileLabels = { ...row.fileLabels, label };
      }
      else {
        problems.push({
          file,
          row: index,
          field: mapping.label,
          reason: `label '${text.label.slice(0, 40)}' is not a judge label; row kept as unjudged${w.at}`,
        });
      }
    }
    rows.push(row);
  });
  return { rows, problems };
}
