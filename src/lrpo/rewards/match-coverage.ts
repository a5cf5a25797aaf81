// The `match` similarity (chrF) compares text in one language: a routed rollout in language X is
// scored against the row's reference in X when it has one, else against the original-language
// answer, which a correct answer in X barely matches. This finds the rows and languages where that
// happens, so the Data and Train views and the CLI can say so before training.

import type { Example } from '../../data/example';
import type { RunConfig } from '../config';

export interface MatchCoverage {
  /** rows that can get routed rollouts (not in a fixed-language topic) */
  routable: number;
  /** of those, rows missing a reference in at least one router language */
  affectedRows: number;
  /** router languages missing on some row, with how many rows lack each (most first) */
  languages: { lang: string; rows: number }[];
}

/** null when the reward is not the `match` backend or no rollout is routed. */
export function matchCoverage(examples: readonly Pick<Example, 'topic' | 'language' | 'references'>[], c: Pick<RunConfig, 'reward' | 'router'>): MatchCoverage | null {
  if (c.reward.similarity !== 'match' || !c.router.dynamic_lang_policy) return null;
  const fixed = new Set(c.router.fixed_lang_topics);
  const missing = new Map<string, number>();
  let routable = 0;
  let affectedRows = 0;
  for (const ex of examples) {
    if (fixed.has(ex.topic)) continue;
    routable++;
    let affected = false;
    for (const lang of c.router.languages) {
      if (lang === ex.language || (ex.references[lang] ?? '').trim() !== '') continue;
      missing.set(lang, (missing.get(lang) ?? 0) + 1);
      affected = true;
    }
    if (affected) affectedRows++;
  }
  const languages = [...missing].map(([lang, rows]) => ({ lang, rows })).sort((a, b) => b.rows - a.rows || (a.lang < b.lang ? -1 : 1));
  return { routable, affectedRows, languages };
}

/** One sentence for the views and the CLI; null when nothing is affected. */
export function matchCoverageMessage(cov: MatchCoverage | null): string | null {
  if (!cov || cov.affectedRows === 0) return null;
  const shown = cov.languages.slice(0, 8).map((l) => `${l.lang} (${l.rows})`).join(', ');
  const more = cov.languages.length > 8 ? ` and ${cov.languages.length - 8} more` : '';
  return `reward.similarity 'match': ${cov.affectedRows} of ${cov.routable} routable rows have no reference answer in some router language `
    + `(${cov.languages.length} language${cov.languages.length === 1 ? '' : 's'}: ${shown}${more} rows); routed rollouts in those languages are `
    + 'scored by chrF against the original-language answer, so a correct answer scores low there. Use the embedding similarity or add extra_info.references.';
}
