// Filtering the rollouts table by target language, topic and region ('' = any).

import type { RolloutRow } from '../../worker/protocol';

export interface RolloutFilter {
  lang: string;
  topic: string;
  region: string;
}

export function filterRollouts(rows: readonly RolloutRow[], f: RolloutFilter): RolloutRow[] {
  return rows.filter(
    (r) => (!f.lang || r.targetLang === f.lang) && (!f.topic || r.topic === f.topic) && (!f.region || r.region.split(', ').includes(f.region)),
  );
}

/** The distinct values of each filterable column, sorted. */
export function filterOptions(rows: readonly RolloutRow[]): { langs: string[]; topics: string[]; regions: string[] } {
  const langs = new Set<string>(), topics = new Set<string>(), regions = new Set<string>();
  for (const r of rows) {
    langs.add(r.targetLang);
    topics.add(r.topic);
    for (const g of r.region.split(', ')) regions.add(g);
  }
  const sort = (s: Set<string>) => [...s].sort();
  return { langs: sort(langs), topics: sort(topics), regions: sort(regions) };
}
