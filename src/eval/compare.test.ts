import { describe, expect, it } from 'vitest';
import { compareLabelSets, fileLabelSets } from './agreement';
import { accuracyTable, comparePaired, sourcesByModel } from './compare';
import type { VerdictLabel } from './labels';
import type { PredictionRow } from './types';

function row(model: string, qid: string, label: VerdictLabel | null, language = 'zh', setting: PredictionRow['setting'] = 'local-insider'): PredictionRow {
  return {
    id: `${model}/${qid}`, qid, model, index: 0, question: `q${qid}`, target: 't', prediction: 'p', language, region: null, setting,
    ...(label ? { verdict: { label, raw: label, model: 'input' } } : {}),
  };
}

// base: q1 A, q2 C, q3 C, q4 A, q5 D ; lrpo: q1 A, q2 A, q3 A, q4 C, q5 A (q6 only in lrpo)
const rows = [
  row('base', '1', 'CORRECT'), row('base', '2', 'INCORRECT'), row('base', '3', 'INCORRECT', 'es', 'cross-cultural'),
  row('base', '4', 'CORRECT', 'es', 'cross-cultural'), row('base', '5', 'NOT_ATTEMPTED'),
  row('lrpo', '1', 'CORRECT'), row('lrpo', '2', 'CORRECT'), row('lrpo', '3', 'CORRECT', 'es', 'cross-cultural'),
  row('lrpo', '4', 'INCORRECT', 'es', 'cross-cultural'), row('lrpo', '5', 'CORRECT'), row('lrpo', '6', null),
];

describe('sources and accuracy table', () => {
  it('splits by model, counts per language x setting, unjudged rows count as not correct', () => {
    const s = sourcesByModel(rows, 'file');
    expect(s.map((x) => [x.name, x.rows.length])).toEqual([['base', 5], ['lrpo', 6]]);
    const t = accuracyTable(s, { seed: 1 });
    const base = t.filter((c) => c.source === 'base').map((c) => [c.group, c.n, c.correct, c.estimate]);
    expect(base).toEqual([['overall', 5, 2, 0.4], ['es · cross-cultural', 2, 1, 0.5], ['zh · local-insider', 3, 1, 1 / 3]]);
    const lrpo = t.find((c) => c.source === 'lrpo' && c.group === 'overall')!;
    expect([lrpo.n, lrpo.correct, lrpo.unjudged, lrpo.counts.CORRECT]).toEqual([6, 4, 1, 4]);
    for (const c of t) expect(c.lo <= c.estimate && c.estimate <= c.hi).toBe(true);
    expect(accuracyTable(s, { seed: 1 })).toEqual(t);
  });
  it('falls back to the file name for rows without a model', () => {
    expect(sourcesByModel([{ ...rows[0], model: null }], 'preds.csv')[0].name).toBe('preds.csv');
  });
});

describe('paired comparison', () => {
  it('pairs by question: 2 gained (q2, q3, q5 → 3), 1 lost (q4), McNemar on 1 vs 3', () => {
    const [base, lrpo] = sourcesByModel(rows, 'file');
    const c = comparePaired(base, lrpo, { seed: 2 });
    expect([c.n, c.unpaired, c.bothCorrect, c.bothWrong, c.gained, c.lost]).toEqual([5, 1, 1, 0, 3, 1]);
    expect(c.accuracyA).toBeCloseTo(0.4, 12);
    expect(c.accuracyB).toBeCloseTo(0.8, 12);
    expect(c.difference.estimate).toBeCloseTo(0.4, 12);
    // n = 4 discordant, min = 1: exact p = 2 · (1 + 4)/16 = 0.625; mid-p = 0.625 − 2·... = 2·(5/16) − 4/16 = 0.375
    expect(c.mcnemar.exactP).toBeCloseTo(0.625, 12);
    expect(c.mcnemar.midP).toBeCloseTo(0.375, 12);
    expect(c.items.filter((i) => i.kind === 'gained').map((i) => i.qid)).toEqual(['2', '3', '5']);
    expect(c.items.filter((i) => i.kind === 'lost').map((i) => i.qid)).toEqual(['4']);
  });
});

describe('judge agreement', () => {
  it('counts agreement, kappa and disagreements; leaves out unlabelled and UNPARSEABLE items', () => {
    const rs = rows.slice(0, 5).map((r, i) => ({
      ...r,
      fileLabels: { label: r.verdict!.label, label2: (['CORRECT', 'CORRECT', 'INCORRECT', 'CORRECT', 'UNPARSEABLE'] as VerdictLabel[])[i] },
    }));
    const [one, two] = fileLabelSets(rs, { label: 'label', label2: 'label_2' });
    const a = compareLabelSets(rs, one, two);
    // pairs: (A,A) (C,A) (C,C) (A,A); q5 left out
    expect(a.n).toBe(4);
    expect(a.leftOut).toBe(1);
    expect(a.agreement).toBeCloseTo(0.75, 12);
    // marginals first: A 2, C 2; second: A 3, C 1 -> pe = .5·.75 + .5·.25 = .5; kappa = (.75 − .5)/.5 = .5
    expect(a.expected).toBeCloseTo(0.5, 12);
    expect(a.kappa).toBeCloseTo(0.5, 12);
    expect(a.matrix[0][0]).toBe(2);
    expect(a.matrix[2][0]).toBe(1);
    expect(a.disagreements.map((d) => [d.row.qid, d.first, d.second])).toEqual([['2', 'INCORRECT', 'CORRECT']]);
    expect(a.correctAgreement).toBeCloseTo(0.75, 12);
    expect(a.categories[1]).toBe('B CORRECT_BUT_WRONG_LANGUAGE');
  });
});

describe('CSV', async () => {
  const { comparisonToCsv, pairedItemsToCsv } = await import('./compare-csv');
  it('one line per source and group with the interval; paired items with both labels', () => {
    const s = sourcesByModel(rows, 'file');
    const csv = comparisonToCsv(accuracyTable(s, { seed: 1 }), { samples: 2000, seed: 1 }).split('\r\n');
    expect(csv[0]).toBe('source,group,n,correct,accuracy,ci95_low,ci95_high,CORRECT,CORRECT_BUT_WRONG_LANGUAGE,INCORRECT,NOT_ATTEMPTED,UNPARSEABLE,UNJUDGED,bootstrap_samples,bootstrap_seed');
    expect(csv[1]).toMatch(/^base,overall,5,2,0\.4,[\d.]+,[\d.]+,2,0,2,1,0,0,2000,1$/);
    const p = pairedItemsToCsv(comparePaired(s[0], s[1])).split('\r\n');
    expect(p[0]).toBe('qid,kind,language,setting,question,target,prediction_base,label_base,prediction_lrpo,label_lrpo');
    expect(p[2]).toBe('2,gained,zh,local-insider,q2,t,p,INCORRECT,p,CORRECT');
  });
});
