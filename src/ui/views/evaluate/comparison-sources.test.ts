import { describe, expect, it } from 'vitest';
import type { GeneratedSource } from '../../../eval/generated-source';
import type { PredictionRow } from '../../../eval/types';
import { comparisonSources } from './comparison-sources';

const row = (id: string, model: string | null, extra: Partial<PredictionRow> = {}): PredictionRow => ({
  id, qid: id.split('/').pop(), model, index: 0, question: 'q', target: 't', prediction: 'p', language: 'zh', region: null, setting: null, ...extra,
});
const g: GeneratedSource = { label: 'gen', predictions: new Map([['a/1', 'x']]), skipped: [], requested: 1, cancelled: false, hitLimit: 0 };

describe('comparisonSources', () => {
  it('splits the file by model and adds the generated source, whichever is shown', () => {
    const file = [row('a/1', 'a'), row('b/1', 'b')];
    const gen = [row('a/1', null, { prediction: 'x' })];
    const shownFile = comparisonSources({ rows: file, otherRows: gen, predictionSource: 'file', generated: g, source: null });
    expect(shownFile.map((s) => [s.name, s.rows.length])).toEqual([['a', 1], ['b', 1], ['generated', 1]]);
    const shownGen = comparisonSources({ rows: gen, otherRows: file, predictionSource: 'generated', generated: g, source: null });
    expect(shownGen.map((s) => s.name)).toEqual(['a', 'b', 'generated']);
  });
  it('leaves out benchmark questions without predictions; a file without a model column is one source named after it', () => {
    const bench = [row('1', null, { noPrediction: true, prediction: '' })];
    expect(comparisonSources({ rows: bench, otherRows: [], predictionSource: 'file', generated: null, source: null })).toEqual([]);
    const one = comparisonSources({ rows: [row('1', null)], otherRows: [], predictionSource: 'file', generated: null, source: { fileName: 'preds.csv' } as never });
    expect(one.map((s) => s.name)).toEqual(['preds.csv']);
  });
});
