import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { defaultRouterConfig, type RouterAlgorithm } from '../config';
import { createRouter, restoreRouter } from './create-router';
import type { Router, RouterContext } from './types';

const CONTEXTS: RouterContext[] = [
  { topic: 'Reasoning / Logic', regions: [] },
  { topic: 'Regional Knowledge', regions: ['Japan'] },
  { topic: 'Regional Knowledge', regions: ['Brazil', 'Portugal'] },
];

/** One training step: 3 questions x 4 routed rollouts, rewards from a fixed function plus noise. */
function step(r: Router, world: Rng, log: unknown[], choices: string[]) {
  r.beginStep();
  for (let q = 0; q < 3; q++) {
    const ctx = CONTEXTS[world.int(CONTEXTS.length)];
    for (let k = 0; k < 4; k++) {
      const lang = r.choose(ctx);
      choices.push(lang);
      r.observe(ctx.topic, ctx.regions, lang, (lang.charCodeAt(0) % 7) / 7 + 0.1 * world.next());
    }
  }
  log.push(r.endStep());
}

describe.each<RouterAlgorithm>(['softmax_eps', 'ucb', 'thompson'])('%s router state', (algorithm) => {
  it('serializes mid-run (with a non-empty buffer) and continues identically after restore', () => {
    const cfg = { ...defaultRouterConfig(), algorithm, lang_policy_update_every: 5 };
    const a = createRouter(cfg, 99);
    const worldA = new Rng(5);
    const logA: unknown[] = [], choicesA: string[] = [];
    for (let s = 0; s < 13; s++) step(a, worldA, logA, choicesA);
    const saved = JSON.parse(JSON.stringify(a.getState()));
    expect(saved.buffer.length).toBeGreaterThan(0);
    const worldState = worldA.getState();
    for (let s = 0; s < 20; s++) step(a, worldA, logA, choicesA);

    const b = restoreRouter(cfg, saved);
    expect(b.step).toBe(13);
    const worldB = new Rng(worldState);
    const logB: unknown[] = [], choicesB: string[] = [];
    for (let s = 0; s < 20; s++) step(b, worldB, logB, choicesB);
    expect(choicesB).toEqual(choicesA.slice(13 * 12));
    expect(logB).toEqual(logA.slice(13));
    expect(b.getState()).toEqual(a.getState());
  });

  it('refuses a state from another algorithm or language set', () => {
    const cfg = { ...defaultRouterConfig(), algorithm };
    const st = createRouter(cfg, 1).getState();
    const other = algorithm === 'ucb' ? 'thompson' : 'ucb';
    expect(() => restoreRouter({ ...cfg, algorithm: other }, st)).toThrow(/saved by a/);
    expect(() => restoreRouter({ ...cfg, languages: ['en', 'de'] }, st)).toThrow(/languages/);
  });
});
