// Normalizes dataset rows of either accepted shape into Example records, reporting every row that
// cannot be used with its place and reason. Usable rows are always kept.
//
// Shapes accepted (see shared/spec/lrpo-reference.md, "Data"):
//   - the reference's rows: top-level `question` and `answer`;
//   - plain verl rows: `prompt` (list of {role, content}) and `reward_model.ground_truth`.
// Both carry `ability` (the topic; extra_info.topic is a fallback), `extra_info.language` (lowercase
// English name or ISO code), `extra_info.region` (string, list of strings, or null) and optionally
// `extra_info.references` (a map from language code or name to a reference answer in that language).
//
// Required per row: a question (top-level `question`, else the last user message of `prompt`, else
// extra_info.question), a reference answer (`answer`, else reward_model.ground_truth) and a topic
// (`ability`, else extra_info.topic). Missing or null extra_info.language means English (as in the
// reference); a language we do not know is a row problem. A bad region is a row problem. A bad entry
// in extra_info.references is reported and ignored; the row is kept.
import type { ChatMessage, Example, Problem } from './example.ts';
import { toLanguageCode } from './languages.ts';

/** Longest question/answer/topic text accepted (characters); longer text is a row problem. */
export const MAX_TEXT_CHARS = 100_000;

export interface NormalizeOptions {
  /** file name used in problems */
  file?: string;
  /**
   * Maps a row's position in `rows` to its place in the source: by default `row` = position
   * (0-based). JSONL readers pass the 1-based line of each row instead.
   */
  lines?: readonly number[];
}

export interface NormalizeResult {
  examples: Example[];
  problems: Problem[];
}

class RowError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `'${v.length > 40 ? v.slice(0, 40) + '…' : v}'`;
  return `${typeof v} ${String(v)}`;
}

/** A text value: strings as given, finite numbers as their decimal text; anything else is an error. */
function text(v: unknown, field: string, what: string): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'number') throw new RowError(field, `${what} is ${describe(v)}, not a value`);
  else throw new RowError(field, `expected text, got ${describe(v)}`);
  if (s.length > MAX_TEXT_CHARS) {
    throw new RowError(field, `${s.length} characters is longer than the limit of ${MAX_TEXT_CHARS}`);
  }
  if (!s.trim()) throw new RowError(field, `${what} is empty`);
  return s;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function parsePrompt(v: unknown): ChatMessage[] {
  if (!Array.isArray(v)) throw new RowError('prompt', `expected a list of {role, content}, got ${describe(v)}`);
  const out: ChatMessage[] = [];
  v.forEach((m, i) => {
    if (!isObj(m)) throw new RowError(`prompt[${i}]`, `expected {role, content}, got ${describe(m)}`);
    if (typeof m.role !== 'string') throw new RowError(`prompt[${i}].role`, `expected text, got ${describe(m.role)}`);
    if (typeof m.content !== 'string') {
      throw new RowError(`prompt[${i}].content`, `expected text, got ${describe(m.content)}`);
    }
    out.push({ role: m.role, content: m.content });
  });
  return out;
}

function questionOf(row: Obj, extra: Obj): { question: string; prompt: ChatMessage[] | null } {
  const prompt = present(row.prompt) ? parsePrompt(row.prompt) : null;
  if (present(row.question)) return { question: text(row.question, 'question', 'the question'), prompt };
  if (prompt) {
    const user = [...prompt].reverse().find((m) => m.role === 'user' && m.content.trim());
    if (!user) throw new RowError('prompt', 'no user message with text');
    return { question: text(user.content, 'prompt', 'the user message'), prompt };
  }
  if (present(extra.question)) return { question: text(extra.question, 'extra_info.question', 'the question'), prompt };
  throw new RowError('question', 'missing (no `question`, no `prompt` and no extra_info.question)');
}

function answerOf(row: Obj): string {
  if (present(row.answer)) return text(row.answer, 'answer', 'the answer');
  if (!present(row.reward_model)) {
    throw new RowError('reward_model.ground_truth', 'missing (no `answer` and no reward_model.ground_truth)');
  }
  if (!isObj(row.reward_model)) {
    throw new RowError('reward_model', `expected {style, ground_truth}, got ${describe(row.reward_model)}`);
  }
  let gt = row.reward_model.ground_truth;
  if (Array.isArray(gt)) gt = gt.find((g) => typeof g === 'string' && g.trim()) ?? gt[0];
  if (!present(gt)) throw new RowError('reward_model.ground_truth', 'missing');
  return text(gt, 'reward_model.ground_truth', 'the reference answer');
}

function topicOf(row: Obj, extra: Obj): string {
  if (present(row.ability)) return text(row.ability, 'ability', 'the topic').trim();
  if (present(extra.topic)) return text(extra.topic, 'extra_info.topic', 'the topic').trim();
  throw new RowError('ability', 'missing');
}

function languageOf(extra: Obj): string {
  const v = extra.language;
  if (!present(v) || v === '') return 'en';
  if (typeof v !== 'string') throw new RowError('extra_info.language', `expected a language name or code, got ${describe(v)}`);
  const code = toLanguageCode(v);
  if (!code) throw new RowError('extra_info.language', `${describe(v)} is not a known language`);
  return code;
}

/** The region as given (a list drops its null items, as the reference does). */
function regionOf(extra: Obj): string | string[] | null {
  const v = extra.region;
  if (!present(v)) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    v.forEach((r, i) => {
      if (r !== null && r !== undefined && typeof r !== 'string') throw new RowError(`extra_info.region[${i}]`, `expected text, got ${describe(r)}`);
    });
    return v.filter((r): r is string => typeof r === 'string');
  }
  throw new RowError('extra_info.region', `expected a string, a list of strings or null, got ${describe(v)}`);
}

function regionsOf(extra: Obj): string[] {
  const v = regionOf(extra);
  if (v === null) return [];
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.map((r) => r.trim()).filter(Boolean);
  throw new RowError('extra_info.region', `expected a string, a list of strings or null, got ${describe(v)}`);
}

function referencesOf(extra: Obj, notes: { field: string; reason: string }[]): Record<string, string> {
  const v = extra.references;
  const out: Record<string, string> = {};
  if (!present(v)) return out;
  if (!isObj(v)) {
    notes.push({ field: 'extra_info.references', reason: `expected a map from language to answer, got ${describe(v)}; ignored` });
    return out;
  }
  for (const [key, value] of Object.entries(v)) {
    if (value === null || value === undefined || value === '') continue;
    const code = toLanguageCode(key);
    const field = `extra_info.references.${key}`;
    if (!code) {
      notes.push({ field, reason: `'${key}' is not a known language; ignored` });
      continue;
    }
    if (typeof value !== 'string' || value.length > MAX_TEXT_CHARS || !value.trim()) {
      notes.push({ field, reason: `expected a non-empty answer text, got ${describe(value)}; ignored` });
      continue;
    }
    out[code] = value;
  }
  return out;
}

/** Normalizes one row; throws RowError for a row that cannot be used; `notes` collects ignored parts. */
function normalizeRow(raw: unknown, index: number, notes: { field: string; reason: string }[] = []): Example {
  if (!isObj(raw)) throw new RowError('row', `expected an object, got ${describe(raw)}`);
  if (present(raw.extra_info) && !isObj(raw.extra_info)) {
    throw new RowError('extra_info', `expected an object, got ${describe(raw.extra_info)}`);
  }
  const extra: Obj = isObj(raw.extra_info) ? raw.extra_info : {};
  const { question, prompt } = questionOf(raw, extra);
  const answer = answerOf(raw);
  const topic = topicOf(raw, extra);
  const language = languageOf(extra);
  const regions = regionsOf(extra);
  const region = regionOf(extra);
  const references = referencesOf(extra, notes);
  references[language] = answer;
  const example: Example = {
    index,
    dataSource: typeof raw.data_source === 'string' ? raw.data_source : '',
    question,
    answer,
    topic,
    language,
    regions,
    region,
    references,
    prompt: prompt && prompt.some((m) => m.role === 'user') ? prompt : [{ role: 'user', content: question }],
  };
  if (typeof extra.split === 'string' && extra.split) example.split = extra.split;
  return example;
}

/** Normalizes rows; never throws for bad rows: each one becomes a Problem. */
export function normalizeRows(rows: readonly unknown[], options: NormalizeOptions = {}): NormalizeResult {
  const examples: Example[] = [];
  const problems: Problem[] = [];
  const place = (i: number): Pick<Problem, 'file' | 'row' | 'line'> => {
    const p: Pick<Problem, 'file' | 'row' | 'line'> = {};
    if (options.file !== undefined) p.file = options.file;
    if (options.lines) p.line = options.lines[i];
    else p.row = i;
    return p;
  };
  rows.forEach((raw, i) => {
    const notes: { field: string; reason: string }[] = [];
    try {
      examples.push(normalizeRow(raw, i, notes));
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      problems.push({ ...place(i), field: e.field, reason: e.message });
    }
    for (const n of notes) problems.push({ ...place(i), field: n.field, reason: n.reason });
  });
  return { examples, problems };
}

/**
 * Whole-file checks on the columns a file has (the union of its rows' keys for JSONL): one Problem
 * per missing required column, with the file name and no row.
 */
export function missingColumnProblems(columns: readonly string[], file: string, extraInfoFields: readonly string[] = []): Problem[] {
  const has = new Set(columns);
  const extra = new Set(extraInfoFields);
  const problems: Problem[] = [];
  if (!has.has('question') && !has.has('prompt') && !extra.has('question')) {
    problems.push({ file, field: 'question', reason: 'missing column question (or prompt)' });
  }
  if (!has.has('answer') && !has.has('reward_model')) {
    problems.push({ file, field: 'answer', reason: 'missing column answer (or reward_model.ground_truth)' });
  }
  if (!has.has('ability') && !extra.has('topic')) {
    problems.push({ file, field: 'ability', reason: 'missing column ability' });
  }
  return problems;
}
