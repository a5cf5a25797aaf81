// "Regional Knowledge" facts (authored by us): capital, currency and main language of each country
// in countries.ts, and the landmark/city/dish questions of places.ts; region = the country.
import { COUNTRIES } from './countries.ts';
import type { Fact } from './facts.ts';
import { LANGUAGE_NAMES } from './language-names.ts';
import { PLACE_QUESTIONS } from './places.ts';

const TOPIC = 'Regional Knowledge';

export function regionalFacts(): Fact[] {
  const out: Fact[] = [];
  const byRegion = new Map(COUNTRIES.map((c) => [c.region, c]));
  for (const c of COUNTRIES) {
    const base = { topic: TOPIC, language: c.local, region: c.region };
    if (c.capital && c.questions.capital) out.push({ ...base, question: c.questions.capital, references: c.capital });
    out.push({ ...base, question: c.questions.currency, references: c.currency });
    out.push({ ...base, question: c.questions.language, references: LANGUAGE_NAMES[c.mainLanguage] });
  }
  for (const [region, question] of PLACE_QUESTIONS) {
    const c = byRegion.get(region);
    if (!c) throw new Error(`places: unknown region ${region}`);
    out.push({ topic: TOPIC, language: c.local, region, question, references: c.name });
  }
  return out;
}
