import { describe, expect, it } from 'vitest';
import { buildJudgeMessages } from './prompt';

describe('buildJudgeMessages', () => {
  it('puts the rubric in the system turn and the item verbatim in the user turn', () => {
    const [sys, user] = buildJudgeMessages({ question: 'रंगों का त्योहार?', target: 'होली', prediction: 'Holi <b>x</b>', language: 'hi' });
    expect(sys.role).toBe('system');
    for (const part of ['A = CORRECT', 'B = CORRECT_BUT_WRONG_LANGUAGE', 'C = INCORRECT', 'D = NOT_ATTEMPTED', 'exactly one letter']) {
      expect(sys.content).toContain(part);
    }
    expect(user.content).toBe(
      'Question language: Hindi (hi)\n\nQuestion:\nरंगों का त्योहार?\n\nGold answer:\nहोली\n\nModel answer:\nHoli <b>x</b>\n\nGrade (A, B, C or D):',
    );
  });
  it('marks an empty prediction', () => {
    expect(buildJudgeMessages({ question: 'q', target: 't', prediction: '', language: 'xx' })[1].content).toContain('Question language: xx\n');
    expect(buildJudgeMessages({ question: 'q', target: 't', prediction: '', language: 'es' })[1].content).toContain('Model answer:\n(empty)\n');
  });
});
