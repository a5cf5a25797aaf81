import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { ROW_COLUMNS, rowsToCsv, rowsToJsonl, summaryText, summaryToCsv, summaryToJsonl } from './export';
import { summarize } from './metrics';
import type { PredictionRow } from './types';

const rows: PredictionRow[] = [
  { id: 'a', index: 0, question: 'He said "hi", then\nleft', target: 'x,y', prediction: ' lead', language: 'es', region: 'Spain', setting: 'cross-cultural',
    verdict: { label: 'CORRECT', raw: '**A**', model: 'judge' } },
  { id: 'b', index: 1, question: '首都?', target: '北京', prediction: 'Beijing', language: 'zh', region: null, setting: null,
    verdict: { label: 'UNPARSEABLE', raw: 'A or B', model: 'judge', reason: 'reply names more than one label' } },
  { id: 'c', index: 2, question: 'q', target: 't', prediction: '', language: 'zh', region: null, setting: 'local-insider' },
];
const det = new Map([['b', { lang: 'en', prob: 0.75 }]]);

describe('exports', () => {
  it('rows as CSV parse back to the same text, one line per row', () => {
    const csv = parseCsv(rowsToCsv(rows, { seenLanguages: ['es'], detections: det })).records.map((r) => r.fields);
    expect(csv[0]).toEqual([...ROW_COLUMNS]);
    const col = (name: string) => csv.slice(1).map((r) => r[csv[0].indexOf(name)]);
    expect(col('question')).toEqual(['He said "hi", then\nleft', '首都?', 'q']);
    expect(col('target')).toEqual(['x,y', '北京', 't']);
    expect(col('prediction')).toEqual([' lead', 'Beijing', '']);
    expect(col('label')).toEqual(['CORRECT', 'UNPARSEABLE', '']);
    expect(col('letter')).toEqual(['A', '', '']);
    expect(col('seen_language')).toEqual(['true', 'false', 'false']);
    expect(col('language_flag')).toEqual(['', 'true', '']);
    expect(col('judge_reason')).toEqual(['', 'reply names more than one label', '']);
  });
  it('rows as JSONL keep types and nulls', () => {
    const lines = rowsToJsonl(rows, { detections: det }).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1]).toMatchObject({ id: 'b', region: null, label: 'UNPARSEABLE', judge_raw: 'A or B', detected_language: 'en', detected_prob: 0.75, language_flag: true });
    expect(lines[2]).toMatchObject({ label: null, letter: null, judge_model: null });
  });
  it('summary as CSV, JSONL and text carries the exact counts', () => {
    const s = summarize(rows, ['es'], det);
    const csv = parseCsv(summaryToCsv(s)).records.map((r) => r.fields);
    expect(csv[1]).toEqual(['overall', 'all', '3', '1', String(1 / 3), '1', '0', '0', '0', '1', '1']);
    expect(csv.map((r) => `${r[0]}:${r[1]}`)).toEqual([
      'breakdown:group', 'overall:all', 'language:es', 'language:zh', 'region:Spain', 'region:(none)',
      'setting:cross-cultural', 'setting:local-insider', 'setting:(none)', 'seen:seen', 'seen:unseen',
    ]);
    const jl = summaryToJsonl(s, { judge_model: 'judge' }).trim().split('\n').map((l) => JSON.parse(l));
    expect(jl.at(-1)).toEqual({ breakdown: 'run', seen_languages: ['es'], language_mismatches: 1, detector_checked: 1, judge_model: 'judge' });
    expect(summaryText(s)).toContain('accuracy 1/3 = 33.33%');
  });
});
