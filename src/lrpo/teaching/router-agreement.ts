// How far the router has found where knowledge lives: the share of a designed world's regions whose
// router row puts its highest probability on (one of) the region's designed language(s). Read from
// a router.jsonl line (the row's softmax), as the CLI and the studio write it.

import type { RouterLogLine } from '../router/types';

export interface RegionDesign {
  region: string;
  languages: string[];
}

export interface Agreement {
  /** regions whose row's top language is a designed one, over the regions with a row */
  share: number;
  agreeing: number;
  regions: number;
  /** per region: the row's top language and its probability (null: no row in the line) */
  rows: { region: string; designed: string[]; top: string | null; p: number }[];
}

export function routerAgreement(line: RouterLogLine, design: readonly RegionDesign[]): Agreement {
  const rows = design.map((d) => {
    const e = line.probs[`region:${d.region}`];
    if (!e) return { region: d.region, designed: d.languages, top: null, p: NaN };
    const [top, p] = Object.entries(e.softmax).reduce((a, b) => (b[1] > a[1] ? b : a));
    return { region: d.region, designed: d.languages, top, p };
  });
  const seen = rows.filter((r) => r.top !== null);
  const agreeing = seen.filter((r) => r.designed.includes(r.top!)).length;
  return { share: seen.length ? agreeing / seen.length : 0, agreeing, regions: seen.length, rows };
}

/** The region design of a teaching-world.json (its `regions` list of {region, languages}). */
export function readDesign(json: unknown): RegionDesign[] {
  const regions = (json as { regions?: unknown })?.regions;
  if (!Array.isArray(regions)) throw new Error('teaching world: "regions" must be a list');
  return regions.map((r, i) => {
    const o = r as { region?: unknown; languages?: unknown };
    if (typeof o.region !== 'string') throw new Error(`teaching world: regions[${i}].region must be a string`);
    if (!Array.isArray(o.languages) || !o.languages.every((l) => typeof l === 'string')) throw new Error(`teaching world: regions[${i}].languages must be a list of language codes`);
    return { region: o.region, languages: o.languages as string[] };
  });
}
