// Building blocks of the demo dataset (authored by the LRPO Studio team; see public/data/README.md).
// A Fact is one question in its original language with a short reference answer in every one of the
// 15 router languages.
import { ROUTER_LANGUAGES, type RouterLanguage } from '../../src/data/languages.ts';

export type L15 = Record<RouterLanguage, string>;

export interface Fact {
  topic: string;
  /** original language of the question */
  language: RouterLanguage;
  /** region the question is about, or null */
  region: string | null;
  question: string;
  references: L15;
}

/**
 * Reads one text per router language from a '|'-separated string in the reference order
 * ar|de|en|es|fr|id|it|ja|ko|nl|pl|pt|ru|vi|zh.
 */
export function l15(s: string): L15 {
  const parts = s.split('|').map((p) => p.trim());
  if (parts.length !== ROUTER_LANGUAGES.length || parts.some((p) => !p)) {
    throw new Error(`l15: expected ${ROUTER_LANGUAGES.length} non-empty texts, got ${parts.length}: ${s}`);
  }
  return Object.fromEntries(ROUTER_LANGUAGES.map((l, i) => [l, parts[i]])) as L15;
}

/** The same answer in every language (numbers, years, chemical symbols, a word asked for in one language). */
export function same(answer: string): L15 {
  return Object.fromEntries(ROUTER_LANGUAGES.map((l) => [l, answer])) as L15;
}

/** Facts from [language, question, answer-in-every-language] triples. */
export function facts(topic: string, region: string | null, rows: [RouterLanguage, string, L15 | string][]): Fact[] {
  return rows.map(([language, question, refs]) => ({
    topic, language, region, question, references: typeof refs === 'string' ? same(refs) : refs,
  }));
}
