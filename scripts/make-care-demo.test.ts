import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapColumns } from '../src/eval/columns';
import { sourcesByModel, accuracyTable } from '../src/eval/compare';
import { rowsFromRecords } from '../src/eval/load';
import { readJsonLines } from '../src/eval/read-source';
import { careDemoLines } from './make-care-demo';

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = path.join(here, '../public/data/care-pro-illustrative.jsonl');

describe('the illustrative CARE (Pro)-shaped predictions set (ours)', () => {
  it('the committed file is the script output', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(careDemoLines());
  });
  it('loads with every column mapped automatically: 3 models x 36 questions, both settings, zh/hi/es', () => {
    const t = readJsonLines(readFileSync(FILE, 'utf8'), 'care-pro-illustrative.jsonl');
    const mapping = mapColumns(t.columns);
    expect(mapping).toMatchObject({ id: 'id', model: 'model', label: 'label', second_label: 'label_2', translation: 'question_en', setting: 'setting' });
    const { rows, problems } = rowsFromRecords(t.records, t.columns, mapping, 'f');
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(108);
    const s = sourcesByModel(rows, 'f');
    expect(s.map((x) => x.name)).toEqual(['base', 'GRPO', 'LRPO']);
    const overall = accuracyTable(s).filter((c) => c.group === 'overall').map((c) => [c.source, c.correct, c.n]);
    // counted by hand from the outcome table (A, H and M grade CORRECT in the first grading):
    // base zh 4 + hi 3 + es 5; GRPO 6 + 5 + 6; LRPO 11 + 10 + 10
    expect(overall).toEqual([['base', 12, 36], ['GRPO', 17, 36], ['LRPO', 31, 36]]);
    expect(new Set(rows.map((r) => `${r.language} ${r.setting}`)).size).toBe(6);
  });
});
