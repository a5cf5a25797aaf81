import { describe, expect, it } from 'vitest';
import { describeSkipped, generatedRows, type GeneratedSource } from './generated-source';
import type { PredictionRow } from './types';

const row = (id: string, language: string, prediction: string, label?: 'CORRECT'): PredictionRow => ({
  id, index: Number(id.slice(1)), question: `question ${id}`, target: `target ${id}`, prediction, language, region: 'R', setting: 'local-insider',
  ...(label ? { verdict: { label, raw: 'A', model: 'input' } } : {}),
});

const gen = (predictions: [string, string][], skipped: { id: string; language: string }[] = []): GeneratedSource => ({
  label: 'test', predictions: new Map(predictions), skipped, requested: predictions.length, cancelled: false, hitLimit: 0,
});

describe('generatedRows', () => {
  it('keeps the questions and metadata, swaps in the generated text, drops the file verdict, keeps only generated rows', () => {
    const file = [row('q1', 'es', 'Madrid', 'CORRECT'), row('q2', 'hi', 'होली'), row('q3', 'zh', '北京')];
    const rows = generatedRows(file, gen([['q3', 'Pekín'], ['q1', 'la capital']]));
    expect(rows).toEqual([
      { ...row('q1', 'es', 'la capital') },
      { ...row('q3', 'zh', 'Pekín') },
    ]);
    expect(file[0].prediction).toBe('Madrid'); // the file's rows are untouched
    expect(file[0].verdict?.label).toBe('CORRECT');
  });

  it('attaches verdicts given for the generated predictions', () => {
    const v = { label: 'INCORRECT' as const, raw: 'C', model: 'judge' };
    const rows = generatedRows([row('q1', 'es', 'x')], gen([['q1', 'y']]), new Map([['q1', v]]));
    expect(rows[0]).toMatchObject({ prediction: 'y', verdict: v });
  });

  it('keeps an empty generation as an empty prediction (the model said nothing)', () => {
    expect(generatedRows([row('q1', 'es', 'x')], gen([['q1', '']]))[0].prediction).toBe('');
  });
});

describe('describeSkipped', () => {
  it('counts by language, most first', () => {
    expect(describeSkipped([{ id: 'a', language: 'sw' }, { id: 'b', language: 'hi' }, { id: 'c', language: 'hi' }])).toBe('3 questions (hi ×2, sw ×1)');
    expect(describeSkipped([{ id: 'a', language: 'hi' }])).toBe('1 question (hi ×1)');
  });
});
