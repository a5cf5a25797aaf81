// Judge agreement: two label sets for the same predictions (two judge models or endpoints, or two
// label columns of a file, e.g. a judge's and a person's) compared item by item: raw agreement,
// Cohen's kappa over the four labels, the confusion matrix and the items they disagree on. Items
// one of the sets lacks, or labelled UNPARSEABLE by either, are left out and counted.
import { JUDGE_LABELS, LABEL_TO_LETTER, type JudgeLabel, type VerdictLabel } from './labels';
import { cohenKappa, type KappaResult } from './stats';
import type { PredictionRow } from './types';

export interface LabelSet {
  name: string;
  /** row id -> label */
  labels: ReadonlyMap<string, VerdictLabel>;
}

export interface Disagreement {
  row: PredictionRow;
  first: JudgeLabel;
  second: JudgeLabel;
}

export interface AgreementResult extends KappaResult {
  first: string;
  second: string;
  /** rows left out: not labelled by both, or UNPARSEABLE in either */
  leftOut: number;
  /** agreement on CORRECT vs anything else (what accuracy depends on) */
  correctAgreement: number;
  disagreements: Disagreement[];
}

const isJudgeLabel = (l: VerdictLabel | undefined): l is JudgeLabel => !!l && l !== 'UNPARSEABLE';

export function compareLabelSets(rows: readonly PredictionRow[], first: LabelSet, second: LabelSet): AgreementResult {
  const a: JudgeLabel[] = [];
  const b: JudgeLabel[] = [];
  const disagreements: Disagreement[] = [];
  let leftOut = 0;
  let correctSame = 0;
  for (const r of rows) {
    const x = first.labels.get(r.id);
    const y = second.labels.get(r.id);
    if (!isJudgeLabel(x) || !isJudgeLabel(y)) {
      leftOut++;
      continue;
    }
    a.push(x);
    b.push(y);
    if ((x === 'CORRECT') === (y === 'CORRECT')) correctSame++;
    if (x !== y) disagreements.push({ row: r, first: x, second: y });
  }
  const k = cohenKappa(a, b, JUDGE_LABELS);
  return {
    ...k,
    categories: k.categories.map((c) => `${LABEL_TO_LETTER[c as JudgeLabel]} ${c}`),
    first: first.name,
    second: second.name,
    leftOut,
    correctAgreement: a.length ? correctSame / a.length : NaN,
    disagreements,
  };
}

/** The label sets the rows offer: the file's label columns and the given judge runs. */
export function fileLabelSets(rows: readonly PredictionRow[], names: { label: string; label2: string }): LabelSet[] {
  const one = new Map<string, VerdictLabel>();
  const two = new Map<string, VerdictLabel>();
  for (const r of rows) {
    if (r.fileLabels?.label) one.set(r.id, r.fileLabels.label);
    if (r.fileLabels?.label2) two.set(r.id, r.fileLabels.label2);
  }
  const out: LabelSet[] = [];
  if (one.size) out.push({ name: names.label, labels: one });
  if (two.size) out.push({ name: names.label2, labels: two });
  return out;
}
