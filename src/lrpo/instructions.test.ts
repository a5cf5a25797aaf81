import { describe, expect, it } from 'vitest';
import { ROUTER_LANGUAGES } from '../data/languages';
import { ANSWER_IN, answerInstruction } from './instructions';

describe('answerInstruction', () => {
  it('has an instruction for every reference router language, each distinct and short', () => {
    for (const code of ROUTER_LANGUAGES) {
      expect(ANSWER_IN[code], code).toBeTruthy();
      expect(ANSWER_IN[code].length).toBeLessThan(40);
    }
    expect(new Set(ROUTER_LANGUAGES.map((c) => ANSWER_IN[c])).size).toBe(ROUTER_LANGUAGES.length);
  });

  it('writes non-Latin-script languages in their own script', () => {
    expect(answerInstruction('zh')).toMatch(/[\u4e00-\u9fff]/);
    expect(answerInstruction('ja')).toMatch(/[\u3040-\u30ff]/);
    expect(answerInstruction('ko')).toMatch(/[\uac00-\ud7af]/);
    expect(answerInstruction('ar')).toMatch(/[\u0600-\u06ff]/);
    expect(answerInstruction('ru')).toMatch(/[\u0400-\u04ff]/);
  });

  it('falls back to English naming the language', () => {
    expect(answerInstruction('tr')).toBe('Answer in Turkish.');
    expect(answerInstruction('xx')).toBe('Answer in xx.');
  });
});
