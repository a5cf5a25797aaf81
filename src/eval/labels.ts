// The judge's four grades (CARE (Pro) rubric) and the parser that turns a judge reply into one of
// them. The parser is strict about meaning and tolerant about dress: "A", "A.", "(A)", "**A**",
// "Answer: A", "A: CORRECT", "CORRECT", "not attempted" are all one clear label; a reply that names
// two labels ("A or B") or none is UNPARSEABLE and keeps its raw text so it can be judged again.

export const JUDGE_LABELS = ['CORRECT', 'CORRECT_BUT_WRONG_LANGUAGE', 'INCORRECT', 'NOT_ATTEMPTED'] as const;
export type JudgeLabel = (typeof JUDGE_LABELS)[number];
/** What a row can end with after judging. */
export type VerdictLabel = JudgeLabel | 'UNPARSEABLE';
export const VERDICT_LABELS: readonly VerdictLabel[] = [...JUDGE_LABELS, 'UNPARSEABLE'];

const LETTER_TO_LABEL: Record<'A' | 'B' | 'C' | 'D', JudgeLabel> = {
  A: 'CORRECT',
  B: 'CORRECT_BUT_WRONG_LANGUAGE',
  C: 'INCORRECT',
  D: 'NOT_ATTEMPTED',
};
export const LABEL_TO_LETTER: Record<JudgeLabel, 'A' | 'B' | 'C' | 'D'> = {
  CORRECT: 'A',
  CORRECT_BUT_WRONG_LANGUAGE: 'B',
  INCORRECT: 'C',
  NOT_ATTEMPTED: 'D',
};

export type ParsedReply =
  | { ok: true; label: JudgeLabel }
  | { ok: false; label: 'UNPARSEABLE'; reason: string };

const PREFIX =
  /^(?:the\s+)?(?:final\s+)?(?:answer|grade|grading|label|verdict|judg(?:e)?ment|classification|choice|option|letter)(?:\s+is)?\s*[:=\-–]?\s*/i;
const LETTER_FORM = /^[([]?([A-Da-d])[)\]]?[.:)]?$/;
const LETTER_THEN_WORD = /^[([]?([A-Da-d])[)\]]?\s*[.:)\-–—]?\s+(.+)$/;
const WORD_THEN_LETTER = /^(.+?)\s*[([]([A-Da-d])[)\]]$/;

/** Canonical label from a label word such as "correct but wrong language" or "NOT_ATTEMPTED". */
function labelFromWord(word: string): JudgeLabel | null {
  const w = word.trim().replace(/[.!]+$/, '').replace(/[\s_\-–]+/g, '_').toUpperCase();
  if (w === 'CORRECT') return 'CORRECT';
  if (w === 'CORRECT_BUT_WRONG_LANGUAGE' || w === 'CORRECT_WRONG_LANGUAGE') return 'CORRECT_BUT_WRONG_LANGUAGE';
  if (w === 'INCORRECT') return 'INCORRECT';
  if (w === 'NOT_ATTEMPTED') return 'NOT_ATTEMPTED';
  return null;
}

function stripDress(text: string): string {
  return text
    .replace(/<think>[\s\S]*?<\/think>/gi, ' ')
    .replace(/[*`#"“”‘’]/g, '')
    .replace(/^\s*'+|'+\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseBody(body: string): JudgeLabel | null {
  const b = body.trim().replace(/\s*[.!]+$/, '');
  const letter = LETTER_FORM.exec(b);
  if (letter) return LETTER_TO_LABEL[letter[1].toUpperCase() as 'A'];
  const word = labelFromWord(b);
  if (word) return word;
  const lw = LETTER_THEN_WORD.exec(b);
  if (lw) {
    const fromLetter = LETTER_TO_LABEL[lw[1].toUpperCase() as 'A'];
    const fromWord = labelFromWord(lw[2]);
    if (fromWord && fromWord === fromLetter) return fromLetter;
    return null;
  }
  const wl = WORD_THEN_LETTER.exec(b);
  if (wl) {
    const fromWord = labelFromWord(wl[1]);
    const fromLetter = LETTER_TO_LABEL[wl[2].toUpperCase() as 'A'];
    if (fromWord && fromWord === fromLetter) return fromWord;
  }
  return null;
}

/** Labels a free text mentions (letters as standalone capitals, label words anywhere). */
function mentionedLabels(text: string): Set<JudgeLabel> {
  const found = new Set<JudgeLabel>();
  for (const m of text.matchAll(/(?<![A-Za-z])([A-D])(?![A-Za-z])/g)) found.add(LETTER_TO_LABEL[m[1] as 'A']);
  const norm = text.toUpperCase().replace(/[\s_\-–]+/g, '_');
  if (/CORRECT_BUT_WRONG_LANGUAGE/.test(norm)) found.add('CORRECT_BUT_WRONG_LANGUAGE');
  if (/NOT_ATTEMPTED/.test(norm)) found.add('NOT_ATTEMPTED');
  if (/INCORRECT/.test(norm)) found.add('INCORRECT');
  if (/(?<![A-Z])CORRECT(?!_BUT)/.test(norm.replace(/INCORRECT/g, ''))) found.add('CORRECT');
  return found;
}

/** Parses a judge reply into one label, or UNPARSEABLE with the reason. */
export function parseJudgeReply(reply: string): ParsedReply {
  if (typeof reply !== 'string') return { ok: false, label: 'UNPARSEABLE', reason: 'reply is not text' };
  const text = stripDress(reply);
  if (!text) return { ok: false, label: 'UNPARSEABLE', reason: 'empty reply' };
  if (text.length <= 200) {
    const direct = parseBody(text) ?? parseBody(text.replace(PREFIX, ''));
    if (direct) return { ok: true, label: direct };
  }
  const mentioned = mentionedLabels(text.slice(0, 2000));
  if (mentioned.size > 1) {
    return { ok: false, label: 'UNPARSEABLE', reason: `reply names more than one label (${[...mentioned].join(', ')})` };
  }
  return { ok: false, label: 'UNPARSEABLE', reason: 'reply is not one clear label (expected a single letter A–D)' };
}

/**
 * Reads a label given in a data file (an existing judge column): a letter, a label word, or
 * UNPARSEABLE. Returns null when the value is not one of them.
 */
export function labelFromValue(value: string): VerdictLabel | null {
  const v = value.trim();
  if (/^unparseable$/i.test(v)) return 'UNPARSEABLE';
  const p = parseJudgeReply(v);
  return p.ok ? p.label : null;
}
