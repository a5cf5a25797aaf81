// The one typed training/evaluation example every layer above src/data uses, whatever shape the
// source row had (the reference's question/answer, or verl's prompt/reward_model.ground_truth).

export interface ChatMessage {
  role: string;
  content: string;
}

export interface Example {
  /** row index in the source file (0-based) */
  index: number;
  dataSource: string;
  /** the question text (the user turn of the prompt, or top-level `question`) */
  question: string;
  /** the reference answer in the question's original language (reward_model.ground_truth or `answer`) */
  answer: string;
  /** `ability` (e.g. "Regional Knowledge"); falls back to extra_info.topic */
  topic: string;
  /** ISO 639-1 code of the question's original language ("en" when unknown or missing) */
  language: string;
  /** extra_info.region normalized to a list ([] for null/missing) */
  regions: string[];
  /**
   * extra_info.region as given (null when missing): the router's update keys it as the reference
   * does (null -> "None", [] -> "[]"; see lrpo/router/types.ts regionKeys). Absent on examples built
   * in code: `regions` then stands for it (an empty list as null).
   */
  region?: string | string[] | null;
  /** reference answers by language code; always holds `language` -> answer */
  references: Record<string, string>;
  /** extra_info.split when given */
  split?: string;
  /** the prompt messages as given (or built from `question`) */
  prompt: ChatMessage[];
}

/** An error with a place: what is wrong and where, shown by the UI and printed by the CLI. */
export interface Problem {
  file?: string;
  /** 0-based row (or 1-based line for line-oriented text files; the producer says which) */
  row?: number;
  /** 1-based line in a line-oriented text file (JSONL); used instead of `row` there */
  line?: number;
  field?: string;
  reason: string;
}

export function formatProblem(p: Problem): string {
  const where = [
    p.file,
    p.row !== undefined ? `row ${p.row}` : undefined,
    p.line !== undefined ? `line ${p.line}` : undefined,
    p.field ? `field ${p.field}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${p.reason}` : p.reason;
}

/** The region an example's router update keys on: extra_info.region as given, else its `regions` ([] as null). */
export function regionAsGiven(e: Pick<Example, 'region' | 'regions'>): string | string[] | null {
  return e.region !== undefined ? e.region : e.regions.length ? e.regions : null;
}
