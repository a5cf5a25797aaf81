// The records the evaluation layer passes around: one prediction row as loaded, and a verdict.
import type { VerdictLabel } from './labels';

export type Setting = 'local-insider' | 'cross-cultural';

export interface Verdict {
  label: VerdictLabel;
  /** the judge's raw reply text ('' when the request itself failed) */
  raw: string;
  /** judge model name; 'input' when the label came from the loaded file */
  model: string;
  /** why the reply is UNPARSEABLE, or why the request failed after all retries (never contains the key) */
  reason?: string;
  /** true when the verdict was read from the cache instead of asking the judge */
  cached?: boolean;
}

export interface PredictionRow {
  /** stable id: the file's id column when present, else "row-<index>" */
  id: string;
  /** 0-based record index in the source file */
  index: number;
  question: string;
  target: string;
  prediction: string;
  /** ISO 639-1 code of the question's language */
  language: string;
  region: string | null;
  setting: Setting | null;
  /** the question's id without the model: rows of different models with the same qid are paired */
  qid?: string;
  /** which model wrote the prediction (the file's model column), null when the file has none */
  model?: string | null;
  /** the question's English translation, when the file has one */
  questionEn?: string | null;
  /** true for benchmark questions loaded without predictions (generate them with the model) */
  noPrediction?: boolean;
  /** labels the file carried (first and second label columns); they stay when the row is judged again */
  fileLabels?: { label?: VerdictLabel; label2?: VerdictLabel };
  /** set once judged (or when the file carried a label) */
  verdict?: Verdict;
}

/** What a language detector says about a prediction's text. */
export interface DetectedLanguage {
  lang: string | null;
  prob: number;
}
