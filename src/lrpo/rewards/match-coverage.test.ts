import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../config';
import { matchCoverage, matchCoverageMessage } from './match-coverage';

const c = defaultRunConfig();
c.router.languages = ['en', 'de', 'zh'];
const rows: { topic: string; language: string; references: Record<string, string> }[] = [
  { topic: 'General Knowledge', language: 'en', references: { en: 'Paris', de: 'Paris', zh: '巴黎' } }, // complete
  { topic: 'General Knowledge', language: 'en', references: { en: 'blue', de: 'blau' } }, // no zh
  { topic: 'Regional Knowledge', language: 'de', references: { de: 'Berlin', zh: ' ' } }, // no en, blank zh
  { topic: 'Translation', language: 'en', references: { en: 'Katze' } }, // fixed-language topic: never routed
];

describe('match backend coverage', () => {
  it('counts routable rows missing a reference in a router language, and which languages', () => {
    expect(matchCoverage(rows, c)).toEqual({ routable: 3, affectedRows: 2, languages: [{ lang: 'zh', rows: 2 }, { lang: 'en', rows: 1 }] });
    expect(matchCoverageMessage(matchCoverage(rows, c))).toBe(
      "reward.similarity 'match': 2 of 3 routable rows have no reference answer in some router language (2 languages: zh (2), en (1) rows); "
      + 'routed rollouts in those languages are scored by chrF against the original-language answer, so a correct answer scores low there. '
      + 'Use the embedding similarity or add extra_info.references.',
    );
  });

  it('says nothing for the embedding backend, without routing, or when every row is covered', () => {
    expect(matchCoverage(rows, { ...c, reward: { ...c.reward, similarity: 'embedding' } })).toBeNull();
    expect(matchCoverage(rows, { ...c, router: { ...c.router, dynamic_lang_policy: false } })).toBeNull();
    expect(matchCoverageMessage(matchCoverage(rows.slice(0, 1), c))).toBeNull();
  });
});
