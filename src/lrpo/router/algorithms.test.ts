import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { defaultRouterConfig } from '../config';
import { gaussianArgmaxProbs, normalCdf } from './gaussian-argmax';
import { ThompsonRouter } from './thompson-router';
import { argmaxDistribution, UcbRouter, ucbScores } from './ucb-router';

describe('gaussian arg-max probabilities', () => {
  it('matches the closed form for two arms: P(1 > 2) = Φ((m1 - m2) / sqrt(s1² + s2²))', () => {
    const { probs, rawSum } = gaussianArgmaxProbs([0.3, -0.1], [0.5, 0.2]);
    expect(Math.abs(rawSum - 1)).toBeLessThan(5e-3);
    expect(Math.abs(probs[0] - normalCdf(0.4 / Math.sqrt(0.29)))).toBeLessThan(5e-3); // quadrature tolerance
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
  });

  it('matches a Monte-Carlo estimate for 5 arms with very different spreads', () => {
    const m = [0, 0.2, 0.25, -0.5, 0.1];
    const s = [1, 0.05, 0.3, 2, 0.01];
    const { probs, rawSum } = gaussianArgmaxProbs(m, s);
    expect(Math.abs(rawSum - 1)).toBeLessThan(5e-3);
    const rng = new Rng(1);
    const counts = new Array(5).fill(0);
    const N = 200_000;
    for (let n = 0; n < N; n++) {
      let best = 0, bv = -Infinity;
      for (let k = 0; k < 5; k++) {
        const v = m[k] + s[k] * rng.normal();
        if (v > bv) { bv = v; best = k; }
      }
      counts[best]++;
    }
    for (let k = 0; k < 5; k++) expect(Math.abs(probs[k] - counts[k] / N)).toBeLessThan(0.006); // 5e-3 + MC noise (~1e-3)
  });
});

describe('UCB router', () => {
  it('scores mean + c * sqrt(ln T / n), untried languages first, and splits ties', () => {
    // counts [3, 1, 0], sums [1.5, 0, 0] -> T = 4
    const s = ucbScores([1.5, 0, 0], [3, 1, 0], 1);
    expect(s[0]).toBeCloseTo(0.5 + Math.sqrt(Math.log(4) / 3), 14);
    expect(s[1]).toBeCloseTo(Math.sqrt(Math.log(4)), 14);
    expect(s[2]).toBe(Infinity);
    expect(Array.from(argmaxDistribution([1, 3, 3]))).toEqual([0, 0.5, 0.5]);
    expect(Array.from(argmaxDistribution([Infinity, 0, Infinity]))).toEqual([0.5, 0, 0.5]);
  });

  it('folds raw rewards in at update time and reports the arg-max distribution mixed with eps', () => {
    const r = new UcbRouter({ ...defaultRouterConfig(), algorithm: 'ucb', languages: ['en', 'de', 'fr'], lang_policy_update_every: 1 }, 1);
    r.beginStep();
    const ctx = { topic: 'T', regions: [] };
    expect(Array.from(r.probabilities(ctx).softmax)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    r.observe('T', null, 'en', 1);
    r.observe('T', null, 'en', 0.5);
    r.observe('T', null, 'de', 0);
    r.observe('T', null, 'fr', 0.25);
    r.endStep();
    // n = [2, 1, 1], T = 4, means [0.75, 0, 0.25]: scores 0.75 + sqrt(ln4/2) = 1.5826, sqrt(ln4) = 1.1774, 0.25 + 1.1774
    const snap = r.snapshot();
    expect(snap.topicAux).toEqual([['T', [2, 1, 1]]]);
    expect(snap.topic).toEqual([['T', [0.75, 0, 0.25]]]);
    r.beginStep(); // step index 1: eps = 0.2 * 0.995 = 0.199
    const p = r.probabilities(ctx);
    expect(Array.from(p.softmax)).toEqual([1, 0, 0]);
    expect(p.effective[0]).toBeCloseTo(0.801 + 0.199 / 3, 14);
    expect(p.effective[1]).toBeCloseTo(0.199 / 3, 14);
  });

  it('uses the pooled region rows for a regional topic', () => {
    const r = new UcbRouter({ ...defaultRouterConfig(), algorithm: 'ucb', languages: ['en', 'ja'], lang_policy_update_every: 1 }, 1);
    r.beginStep();
    r.observe('Regional Knowledge', 'Japan', 'ja', 1);
    r.observe('Regional Knowledge', 'Japan', 'en', 0);
    r.observe('Regional Knowledge', 'Brazil', 'en', 1);
    r.endStep();
    expect(Array.from(r.contextStats({ topic: 'Regional Knowledge', regions: ['Japan'] }).count)).toEqual([1, 1]);
    expect(Array.from(r.contextStats({ topic: 'Regional Knowledge', regions: ['Japan', 'Brazil'] }).sum)).toEqual([1, 1]);
    expect(r.snapshot().topicAux).toEqual([['Regional Knowledge', [2, 1]]]);
  });
});

describe('Thompson router', () => {
  it('keeps a Gaussian posterior per language: v = 1/(1/p² + n/σ²), m = v·s/σ²', () => {
    const r = new ThompsonRouter({ ...defaultRouterConfig(), algorithm: 'thompson', languages: ['en', 'de'], lang_policy_update_every: 1, thompson_prior_std: 1, thompson_noise_std: 0.5 }, 1);
    r.beginStep();
    r.observe('T', null, 'en', 0.8);
    r.observe('T', null, 'en', 0.6);
    r.endStep();
    // n = 2, s = 1.4: v = 1 / (1 + 8) = 1/9; m = (1/9) * 1.4 * 4 = 0.6222...
    const { mean, std } = r.posterior([2, 0], [1.4, 0]);
    expect(mean[0]).toBeCloseTo(5.6 / 9, 15);
    expect(std[0]).toBeCloseTo(1 / 3, 15);
    expect(r.snapshot().topic[0][1][0]).toBeCloseTo(5.6 / 9, 15);
    // P(en is the arg-max) = Φ((m_en - 0) / sqrt(1/9 + 1))
    r.beginStep();
    expect(r.probabilities({ topic: 'T', regions: [] }).softmax[0]).toBeCloseTo(normalCdf((5.6 / 9) / Math.sqrt(10 / 9)), 2);
  });
});
