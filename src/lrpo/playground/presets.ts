// World presets and the built-in demo contexts. The demo contexts and every preset's numbers are
// authored by us to illustrate router behaviour; they are not measurements (except "from a run",
// see world-from-data.ts).

import { defaultRouterConfig } from '../config';
import type { World, WorldContext } from './world';

export type PresetName = 'local_best' | 'english_dominant' | 'all_equal' | 'drifting';

export const PRESETS: { name: PresetName; label: string; help: string }[] = [
  { name: 'local_best', label: 'Local language knows best', help: "Each context's own language (the region's language) pays most, English second." },
  { name: 'english_dominant', label: 'English dominant', help: 'English pays most everywhere.' },
  { name: 'all_equal', label: 'All equal', help: 'Every language pays the same: any routing is as good as any other.' },
  { name: 'drifting', label: 'Drifting', help: 'Local language best until the drift step, then English dominant.' },
];

/** Authored demo contexts: two general topics and four regions of "Regional Knowledge". */
export function demoContexts(): WorldContext[] {
  return [
    { topic: 'General Knowledge', regions: [], origLang: 'en', weight: 1 },
    { topic: 'Reasoning / Logic', regions: [], origLang: 'en', weight: 1 },
    { topic: 'Regional Knowledge', regions: ['Japan'], origLang: 'ja', weight: 1 },
    { topic: 'Regional Knowledge', regions: ['Brazil'], origLang: 'pt', weight: 1 },
    { topic: 'Regional Knowledge', regions: ['Egypt'], origLang: 'ar', weight: 1 },
    { topic: 'Regional Knowledge', regions: ['China'], origLang: 'zh', weight: 1 },
  ];
}

function grid(contexts: WorldContext[], languages: string[], f: (c: WorldContext, lang: string) => number): number[][] {
  return contexts.map((c) => languages.map((l) => f(c, l)));
}

const localBest = (c: WorldContext, l: string) => (l === c.origLang ? 0.8 : l === 'en' ? 0.55 : 0.35);
const englishDominant = (c: WorldContext, l: string) => (l === 'en' ? 0.8 : l === c.origLang ? 0.5 : 0.35);

export function presetWorld(
  name: PresetName,
  contexts: WorldContext[] = demoContexts(),
  languages: string[] = defaultRouterConfig().languages,
  opts: { kind?: World['kind']; spread?: number; driftAt?: number } = {},
): World {
  const spread = opts.spread ?? 0.15;
  const spreads = grid(contexts, languages, () => spread);
  const base: Omit<World, 'means'> = { languages: [...languages], kind: opts.kind ?? 'bernoulli', contexts: contexts.map((c) => ({ ...c, regions: [...c.regions] })), spreads };
  switch (name) {
    case 'local_best':
      return { ...base, means: grid(contexts, languages, localBest) };
    case 'english_dominant':
      return { ...base, means: grid(contexts, languages, englishDominant) };
    case 'all_equal':
      return { ...base, means: grid(contexts, languages, () => 0.5) };
    case 'drifting':
      return { ...base, means: grid(contexts, languages, localBest), drift: { atStep: opts.driftAt ?? 300, means: grid(contexts, languages, englishDominant) } };
  }
}
