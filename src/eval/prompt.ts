// Our judge prompt for CARE (Pro)-style grading, written by us from the rubric (question, gold
// target, predicted answer -> one of four letters). The version string is part of every cache key:
// change it whenever the wording changes so cached verdicts of an older prompt are not reused.
import { languageName } from '../data/languages';

export const JUDGE_PROMPT_VERSION = 'lrpo-studio-care-judge-v1';

export interface JudgeInput {
  question: string;
  target: string;
  prediction: string;
  /** ISO 639-1 code of the question's language */
  language: string;
}

export interface ChatTurn {
  role: 'system' | 'user';
  content: string;
}

const SYSTEM = [
  'You grade answers to culturally grounded questions. You receive a question, the gold (reference)',
  'answer, and a model\'s answer. Decide which one of four grades fits the model\'s answer and reply',
  'with its letter only.',
  '',
  'A = CORRECT: the model\'s answer contains the key information of the gold answer, says nothing that',
  '    contradicts it, and is written in the language of the question. Hedging is fine as long as the',
  '    gold information is clearly given and nothing wrong is claimed.',
  'B = CORRECT_BUT_WRONG_LANGUAGE: the content would be graded A, but the answer is mainly written in',
  '    a language other than the question\'s language. Names of people, places or things kept in their',
  '    own script or spelling do not by themselves make the language wrong.',
  'C = INCORRECT: the answer states something that contradicts the gold answer, in any language, even',
  '    if it also mentions the gold information or hedges.',
  'D = NOT_ATTEMPTED: the gold information is missing from the answer but nothing in it contradicts the',
  '    gold answer, for example a refusal, "I don\'t know", or a vague reply that does not commit.',
  '',
  'Judge meaning, not wording: paraphrases, translations of the gold answer and small spelling',
  'differences still count as containing the gold information. Do not use your own knowledge to',
  'overrule the gold answer.',
  '',
  'Reply with exactly one letter: A, B, C or D. No explanation.',
].join('\n');

function languageLabel(code: string): string {
  const name = languageName(code);
  return name === code ? code : `${name[0].toUpperCase()}${name.slice(1)} (${code})`;
}

/** The chat messages sent to the judge for one item. */
export function buildJudgeMessages(input: JudgeInput): ChatTurn[] {
  const user = [
    `Question language: ${languageLabel(input.language)}`,
    '',
    'Question:',
    input.question,
    '',
    'Gold answer:',
    input.target,
    '',
    'Model answer:',
    input.prediction === '' ? '(empty)' : input.prediction,
    '',
    'Grade (A, B, C or D):',
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}
