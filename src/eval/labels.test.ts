import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labelFromValue, parseJudgeReply } from './labels';

describe('parseJudgeReply', () => {
  const ok: [string, string][] = [
    ['A', 'CORRECT'],
    ['B', 'CORRECT_BUT_WRONG_LANGUAGE'],
    ['C', 'INCORRECT'],
    ['D', 'NOT_ATTEMPTED'],
    ['A.', 'CORRECT'],
    [' d \n', 'NOT_ATTEMPTED'],
    ['(C)', 'INCORRECT'],
    ['**A**', 'CORRECT'],
    ['`B`', 'CORRECT_BUT_WRONG_LANGUAGE'],
    ['Answer: A', 'CORRECT'],
    ['Final answer: D.', 'NOT_ATTEMPTED'],
    ['The answer is C', 'INCORRECT'],
    ['Grade: **B**', 'CORRECT_BUT_WRONG_LANGUAGE'],
    ['A: CORRECT', 'CORRECT'],
    ['C - INCORRECT', 'INCORRECT'],
    ['INCORRECT', 'INCORRECT'],
    ['correct', 'CORRECT'],
    ['NOT_ATTEMPTED', 'NOT_ATTEMPTED'],
    ['not attempted', 'NOT_ATTEMPTED'],
    ['CORRECT_BUT_WRONG_LANGUAGE', 'CORRECT_BUT_WRONG_LANGUAGE'],
    ['Correct but wrong language.', 'CORRECT_BUT_WRONG_LANGUAGE'],
    ['INCORRECT (C)', 'INCORRECT'],
    ['<think>maybe A or C</think>C', 'INCORRECT'],
  ];
  for (const [reply, label] of ok) {
    it(`reads ${JSON.stringify(reply)} as ${label}`, () => {
      expect(parseJudgeReply(reply)).toEqual({ ok: true, label });
    });
  }

  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['A or B', /more than one label/],
    ['A/B', /more than one label/],
    ['A, C', /more than one label/],
    ['B: CORRECT', /not one clear label|more than one/],
    ['E', /not one clear label/],
    ['The weather is nice today.', /not one clear label/],
    ['CORRECT or INCORRECT', /more than one label/],
    ['Answer: A. Actually, D.', /more than one label/],
    ['x'.repeat(100_000), /not one clear label/],
  ];
  for (const [reply, reason] of bad) {
    it(`rejects ${JSON.stringify(reply.slice(0, 30))}`, () => {
      const p = parseJudgeReply(reply);
      expect(p.ok).toBe(false);
      expect(p.label).toBe('UNPARSEABLE');
      if (!p.ok) expect(p.reason).toMatch(reason);
    });
  }

  it('does not confuse INCORRECT with CORRECT', () => {
    expect(parseJudgeReply('incorrect.').label).toBe('INCORRECT');
  });
});

describe('labelFromValue', () => {
  it('reads letters, words and UNPARSEABLE from data files', () => {
    expect(labelFromValue('A')).toBe('CORRECT');
    expect(labelFromValue('not_attempted')).toBe('NOT_ATTEMPTED');
    expect(labelFromValue('unparseable')).toBe('UNPARSEABLE');
    expect(labelFromValue('maybe')).toBeNull();
  });
});

describe('parseJudgeReply (properties)', () => {
  it('never throws and always gives a label or UNPARSEABLE with a reason', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const p = parseJudgeReply(s);
        if (p.ok) expect(['CORRECT', 'CORRECT_BUT_WRONG_LANGUAGE', 'INCORRECT', 'NOT_ATTEMPTED']).toContain(p.label);
        else expect(p.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
  it('two different letters joined by a word are never one label', () => {
    const letter = fc.constantFrom('A', 'B', 'C', 'D');
    fc.assert(
      fc.property(letter, letter, fc.constantFrom(' or ', '/', ' and ', ', ', ' then '), (a, b, sep) => {
        fc.pre(a !== b);
        expect(parseJudgeReply(`${a}${sep}${b}`).ok).toBe(false);
      }),
    );
  });
  it('a bare letter in any dress reads as that letter', () => {
    fc.assert(
      fc.property(fc.constantFrom('A', 'B', 'C', 'D'), fc.constantFrom('', '**', '`'), fc.constantFrom('', '.', ')'), fc.constantFrom('', 'Answer: ', 'Grade: '), (l, wrap, end, prefix) => {
        const want = { A: 'CORRECT', B: 'CORRECT_BUT_WRONG_LANGUAGE', C: 'INCORRECT', D: 'NOT_ATTEMPTED' }[l];
        expect(parseJudgeReply(` ${prefix}${wrap}${l}${end}${wrap} `)).toEqual({ ok: true, label: want });
      }),
    );
  });
});
