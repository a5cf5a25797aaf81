import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { examplesToSqlIpc, examplesToSqlTable } from './sql-table.ts';
import type { Example } from '../example.ts';

const ex = (i: number, over: Partial<Example> = {}): Example => ({
  index: i, dataSource: 'd', question: `q${i}`, answer: `a${i}`, topic: 'T', language: 'zh', regions: ['China', 'Japan'],
  references: { zh: `a${i}`, en: `e${i}` }, prompt: [], ...over,
});

describe('examplesToSqlTable', () => {
  it('flattens examples into text columns with one ref_ column per language', () => {
    const t = examplesToSqlTable([ex(0), ex(3, { regions: [], references: { zh: 'a3', hi: 'h' }, split: 'train' })]);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['row', 'question', 'answer', 'topic', 'language', 'region', 'split', 'data_source', 'ref_en', 'ref_zh', 'ref_hi']);
    expect(t.getChild('region')!.toArray()).toEqual(['China, Japan', null]);
    expect(t.getChild('ref_hi')!.get(1)).toBe('h');
    expect(t.getChild('ref_en')!.get(1)).toBe(null);
    expect(Array.from(t.getChild('row')!.toArray())).toEqual([0, 3]);
  });

  it('round-trips through an IPC stream', () => {
    const back = tableFromIPC(examplesToSqlIpc([ex(0), ex(1)]));
    expect(back.numRows).toBe(2);
    expect(back.getChild('question')!.get(1)).toBe('q1');
  });
});
