// System-mode instructions: "answer in language X", written by us in language X, for the variant
// of routed rollouts that signals the target language in words instead of a learned tag.
// Languages without an entry fall back to an English instruction naming the language.

import { languageInfo } from '../data/languages';

export const ANSWER_IN: Readonly<Record<string, string>> = {
  ar: 'أجب باللغة العربية.',
  de: 'Antworte auf Deutsch.',
  en: 'Answer in English.',
  es: 'Responde en español.',
  fr: 'Réponds en français.',
  id: 'Jawab dalam bahasa Indonesia.',
  it: 'Rispondi in italiano.',
  ja: '日本語で答えてください。',
  ko: '한국어로 답하세요.',
  nl: 'Antwoord in het Nederlands.',
  pl: 'Odpowiedz po polsku.',
  pt: 'Responda em português.',
  ru: 'Ответь на русском языке.',
  vi: 'Hãy trả lời bằng tiếng Việt.',
  zh: '请用中文回答。',
  hi: 'हिंदी में उत्तर दें।',
  th: 'กรุณาตอบเป็นภาษาไทย',
  sw: 'Jibu kwa Kiswahili.',
};

/**
 * Answer frames: a short sentence in each language, written by us, that carries an answer ("{a}").
 * The warm start teaches answers inside them (sft.answer_style "sentence") because fastText's
 * lid.176, the reward's language gate, cannot tell the language of a one- or two-word answer: on
 * the demo's held-out references in all 15 languages it names the reference's own language for
 * 24% of the bare answers ("Austria" in Spanish reads as English) and for 99.9% of the framed ones.
 * Languages without a frame keep the bare answer.
 */
export const ANSWER_FRAME: Readonly<Record<string, string>> = {
  ar: 'الإجابة هي {a}.',
  de: 'Die richtige Antwort ist {a}.',
  en: 'The answer is {a}.',
  es: 'La respuesta es {a}.',
  fr: 'La réponse est {a}.',
  id: 'Jawabannya adalah {a}.',
  it: 'La risposta è {a}.',
  ja: '答えは{a}です。',
  ko: '정답은 {a}입니다.',
  nl: 'Het antwoord is {a}.',
  pl: 'Odpowiedź to {a}.',
  pt: 'A resposta é {a}.',
  ru: 'Правильный ответ — {a}.',
  vi: 'Câu trả lời là {a}.',
  zh: '这个问题的答案是{a}。',
  hi: 'उत्तर {a} है।',
  th: 'คำตอบคือ {a}',
  sw: 'Jibu ni {a}.',
};

/** `answer` inside the answer frame of `code` (the bare answer for a language without one). */
export function framedAnswer(code: string, answer: string): string {
  const frame = ANSWER_FRAME[code];
  return frame ? frame.replace('{a}', () => answer) : answer;
}

/** The instruction for `code`; an English sentence naming the language when we have none in it. */
export function answerInstruction(code: string): string {
  const own = ANSWER_IN[code];
  if (own) return own;
  const info = languageInfo(code);
  const name = info ? info.name[0].toUpperCase() + info.name.slice(1) : code;
  return `Answer in ${name}.`;
}
