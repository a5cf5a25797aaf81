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

/** The instruction for `code`; an English sentence naming the language when we have none in it. */
export function answerInstruction(code: string): string {
  const own = ANSWER_IN[code];
  if (own) return own;
  const info = languageInfo(code);
  const name = info ? info.name[0].toUpperCase() + info.name.slice(1) : code;
  return `Answer in ${name}.`;
}
