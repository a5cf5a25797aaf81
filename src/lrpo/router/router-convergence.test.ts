import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { defaultRouterConfig, type RouterAlgorithm } from '../config';
import { createRouter } from './create-router';
import type { RouterContext } from './types';

// A synthetic reward table over the 15 reference languages: Bernoulli rewards with mean 0.85 for
// the context's best language and 0.3-0.5 for the others.
const LANGS = defaultRouterConfig().languages;
const WORLD: { ctx: RouterContext; best: string }[] = [
  { ctx: { topic: 'Reasoning / Logic', regions: [] }, best: 'en' },
  { ctx: { topic: 'Regional Knowledge', regions: ['Japan'] }, best: 'ja' },
  { ctx: { topic: 'Regional Knowledge', regions: ['Brazil'] }, best: 'pt' },
];
const mean = (w: number, lang: string) => (lang === WORLD[w].best ? 0.85 : 0.3 + 0.2 * ((LANGS.indexOf(lang) * 7 + w) % 5) / 4);

describe.each<RouterAlgorithm>(['softmax_eps', 'ucb', 'thompson'])('%s router on a synthetic reward table', (algorithm) => {
  it('ends with most effective mass on the best language of every context', () => {
    const r = createRouter({ ...defaultRouterConfig(), algorithm }, 3);
    const world = new Rng(11);
    for (let s = 0; s < 1500; s++) {
      r.beginStep();
      for (let q = 0; q < 6; q++) {
        const w = q % WORLD.length;
        for (let k = 0; k < 6; k++) {
          const lang = r.choose(WORLD[w].ctx);
          r.observe(WORLD[w].ctx.topic, WORLD[w].ctx.regions, lang, world.next() < mean(w, lang) ? 1 : 0);
        }
      }
      r.endStep();
    }
    r.beginStep();
    for (const { ctx, best } of WORLD) {
      const eff = r.probabilities(ctx).effective;
      expect(eff[LANGS.indexOf(best)], `${algorithm} ${ctx.topic}/${ctx.regions}`).toBeGreaterThan(0.5);
    }
  });
});
