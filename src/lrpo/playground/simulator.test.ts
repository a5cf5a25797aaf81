import { describe, expect, it } from 'vitest';
import { defaultRouterConfig, type RouterAlgorithm } from '../config';
import { presetWorld } from './presets';
import { Simulator, type SimSettings } from './simulator';

const settings = (over: Partial<SimSettings> = {}, router = {}): SimSettings => ({
  router: { ...defaultRouterConfig(), ...router }, n: 8, questionsPerStep: 4, seed: 7, ...over,
});

describe('playground simulator', () => {
  it('is reproducible from a seed, and another seed differs', () => {
    const world = presetWorld('local_best');
    const a = new Simulator(world, settings()).run(60);
    const b = new Simulator(world, settings()).run(60);
    const c = new Simulator(world, settings({ seed: 8 })).run(60);
    expect(b).toEqual(a);
    expect(c.map((r) => r.cumRegret)).not.toEqual(a.map((r) => r.cumRegret));
  });

  it('routers compared with the same seed see the same questions', () => {
    const world = presetWorld('local_best');
    const ctxs = (alg: RouterAlgorithm) => {
      const s = new Simulator(world, settings({}, { algorithm: alg }));
      return Array.from({ length: 20 }, () => (s.stepOnce(), s.lastRollouts.map((r) => r.context)));
    };
    expect(ctxs('ucb')).toEqual(ctxs('softmax_eps'));
  });

  it('plans orig_lang_min rollouts in the original language first, the rest routed', () => {
    const world = presetWorld('all_equal');
    const sim = new Simulator(world, settings({ n: 8 }, { lang_policy_orig_lang_min: 3, lang_policy_epsilon_init: 1, lang_policy_epsilon_decay: 1 }));
    for (let s = 0; s < 10; s++) {
      sim.stepOnce();
      expect(sim.lastRollouts).toHaveLength(32);
      for (let q = 0; q < 4; q++) {
        const group = sim.lastRollouts.slice(q * 8, q * 8 + 8);
        const orig = world.contexts[group[0].context].origLang;
        expect(group.slice(0, 3).map((r) => [r.lang, r.routed])).toEqual([[orig, false], [orig, false], [orig, false]]);
        expect(group.slice(3).every((r) => r.routed)).toBe(true);
      }
    }
    // routed choices with eps = 1 are uniform over the 15 languages: all of them show up
    expect(new Set(sim.lastRollouts.filter((r) => r.routed).map((r) => r.lang)).size).toBeGreaterThan(8);
  });

  it('keeps every rollout in the original language for fixed-language topics and with dynamic_lang_policy false', () => {
    const world = presetWorld('local_best');
    world.contexts[1].topic = 'Translation';
    const sim = new Simulator(world, settings());
    for (let s = 0; s < 20; s++) {
      sim.stepOnce();
      for (const r of sim.lastRollouts.filter((x) => x.context === 1)) expect([r.lang, r.routed]).toEqual(['en', false]);
    }
    const off = new Simulator(presetWorld('local_best'), settings({}, { dynamic_lang_policy: false }));
    const rec = off.run(10);
    expect(off.lastRollouts.every((r) => !r.routed && r.lang === presetWorld('local_best').contexts[r.context].origLang)).toBe(true);
    expect(rec[9].cumRegret).toBe(0);
    expect(off.router.snapshot().topic).toEqual([]);
    expect(off.router.step).toBe(10);
  });

  it('uniform_mix draws routed rollouts uniformly (effective = 1/L)', () => {
    const sim = new Simulator(presetWorld('local_best'), settings({}, { uniform_mix: true }));
    const rec = sim.run(5);
    expect(Array.from(rec[4].effective.slice(0, 15))).toEqual(new Array(15).fill(Math.fround(1 / 15)));
  });

  it('counts expected regret: best mean minus chosen mean for routed rollouts', () => {
    const world = presetWorld('local_best');
    const sim = new Simulator(world, settings());
    const rec = sim.stepOnce();
    let regret = 0;
    for (const r of sim.lastRollouts) {
      if (!r.routed) continue;
      const m = world.means[r.context];
      regret += Math.max(...m) - m[world.languages.indexOf(r.lang)];
    }
    expect(rec.regret).toBeCloseTo(regret, 12);
  });

  it('switches to the drifted means at the drift step', () => {
    const world = presetWorld('drifting', undefined, undefined, { driftAt: 3 });
    const rec = new Simulator(world, settings()).run(4);
    const ja = world.languages.indexOf('ja'), en = world.languages.indexOf('en');
    expect(rec[2].best[2]).toBe(ja); // step index 2: local best
    expect(rec[3].best[2]).toBe(en); // step index 3: English dominant
  });

  it.each<RouterAlgorithm>(['softmax_eps', 'ucb', 'thompson'])('%s ends with most mass on the local language in "local language knows best"', (algorithm) => {
    const world = presetWorld('local_best');
    const sim = new Simulator(world, settings({ seed: 3 }, { algorithm }));
    const rec = sim.run(1200);
    const last = rec[rec.length - 1];
    const L = world.languages.length;
    world.contexts.forEach((c, i) => {
      const p = last.effective[i * L + world.languages.indexOf(c.origLang)];
      expect(p, `${algorithm} ${c.topic} ${c.regions}`).toBeGreaterThan(0.5);
      expect(last.topChoice[i]).toBe(last.best[i]);
    });
  });
});
