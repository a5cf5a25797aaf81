import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deriveEpsilon, readRouterLog, writeRouterLog } from './router-log-reader';

const FIXTURE = path.resolve(__dirname, '../../../../../e2e/fixtures/router/verl-router-log.jsonl');

describe('readRouterLog', () => {
  it('loads the good lines of the verl-format fixture and lists the malformed ones by line', () => {
    const r = readRouterLog(readFileSync(FIXTURE, 'utf8'), 'verl-router-log.jsonl');
    expect(r.lines).toBe(30);
    expect(r.frames.length).toBe(27);
    expect(r.problems.map((p) => p.row)).toEqual([7, 13, 21]);
    expect(r.problems[0].reason).toMatch(/not valid JSON/);
    expect(r.problems[1].field).toBe('step');
    expect(r.problems[2].field).toBe('probs.region:China.effective.zh');
    expect(r.problems[2].reason).toMatch(/1\.7/);
    expect(r.problems.every((p) => p.file === 'verl-router-log.jsonl')).toBe(true);
    expect(Object.keys(r.frames[0].probs)).toContain('region:China');
  });

  it('recovers epsilon exactly from softmax and effective (eps = 0.2 * 0.995^(S-1) in the fixture)', () => {
    const r = readRouterLog(readFileSync(FIXTURE, 'utf8'), 'f');
    const late = r.frames.find((f) => f.step === 20)!;
    expect(late.eps).toBeCloseTo(0.2 * 0.995 ** 19, 9);
    // at step 1 the value table is all zero: softmax uniform, eps not identifiable
    expect(r.frames[0].eps).toBeUndefined();
  });

  it('hand-computed eps: softmax (0.5, 0.25, 0.25), eps 0.3 -> effective 0.45, 0.275, 0.275', () => {
    const eps = deriveEpsilon({ 'topic:x': { softmax: { a: 0.5, b: 0.25, c: 0.25 }, effective: { a: 0.45, b: 0.275, c: 0.275 } } });
    expect(eps).toBeCloseTo(0.3, 12);
  });

  it('rejects bad shapes with a field name, keeps going, and round-trips through the writer', () => {
    const good = '{"step": 2, "probs": {"topic:A": {"softmax": {"en": 1}, "effective": {"en": 1}}}}';
    const text = ['[1,2]', '{"step": -1, "probs": {}}', '{"step": 3}', '{"step": 4, "probs": {"A": {}}}', '', good].join('\n');
    const r = readRouterLog(text, 'x.jsonl');
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [1, undefined], [2, 'step'], [3, 'probs'], [4, 'probs.A'],
    ]);
    expect(r.lines).toBe(5);
    expect(r.frames.map((f) => f.step)).toEqual([2]);
    expect(readRouterLog(writeRouterLog(r.frames), 'y').frames).toEqual(r.frames);
  });
});
