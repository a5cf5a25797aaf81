import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { presetWorld } from './presets';
import { checkWorld, drawReward } from './world';
import { contextsFromExamples, parseRewardRecords, worldFromRecords } from './world-from-data';

describe('playground world', () => {
  it('presets put the best mean where they say', () => {
    const local = presetWorld('local_best');
    const en = local.languages.indexOf('en');
    local.contexts.forEach((c, i) => expect(Math.max(...local.means[i])).toBe(local.means[i][local.languages.indexOf(c.origLang)]));
    const eng = presetWorld('english_dominant');
    eng.means.forEach((row) => expect(Math.max(...row)).toBe(row[en]));
    expect(new Set(presetWorld('all_equal').means.flat())).toEqual(new Set([0.5]));
    expect(checkWorld(presetWorld('drifting'))).toEqual([]);
  });

  it('checkWorld names the wrong field', () => {
    const w = presetWorld('local_best');
    w.means[2][3] = 1.5;
    w.contexts[0].origLang = 'xx';
    expect(checkWorld(w).map((p) => p.field)).toEqual(['world.contexts[0].origLang', 'world.means[2][3]']);
    expect(checkWorld(null)[0].field).toBe('world');
  });

  it('draws Bernoulli and clipped Gaussian rewards with the given mean', () => {
    const rng = new Rng(1);
    const w = presetWorld('all_equal');
    let s = 0;
    for (let i = 0; i < 20000; i++) s += drawReward(w, 0.3, 0, rng);
    expect(s / 20000).toBeCloseTo(0.3, 1.5);
    const g = { ...w, kind: 'gaussian' as const };
    const xs = Array.from({ length: 20000 }, () => drawReward(g, 0.5, 0.1, rng));
    expect(xs.reduce((a, b) => a + b) / xs.length).toBeCloseTo(0.5, 2);
    expect(Math.min(...Array.from({ length: 2000 }, () => drawReward(g, 0.05, 0.5, rng)))).toBe(0);
  });

  it('takes contexts from a dataset: topics, and regions under regional topics', () => {
    const ex = [
      { topic: 'Regional Knowledge', regions: ['Japan'], language: 'ja' },
      { topic: 'Regional Knowledge', regions: ['Japan'], language: 'ja' },
      { topic: 'Regional Knowledge', regions: ['Japan'], language: 'en' },
      { topic: 'Chat', regions: ['Japan'], language: 'en' },
    ];
    expect(contextsFromExamples(ex, ['en', 'ja'], ['Regional Knowledge'])).toEqual([
      { topic: 'Regional Knowledge', regions: ['Japan'], origLang: 'ja', weight: 3 },
      { topic: 'Chat', regions: [], origLang: 'en', weight: 1 },
    ]);
  });

  it('measures a world from logged rewards ("from a run")', () => {
    const text = [
      '{"step": 0, "rewards": [{"topic": "RK", "region": "Japan", "lang": "ja", "reward": 1}, {"topic": "RK", "region": "Japan", "lang": "ja", "reward": 0.5}, {"topic": "RK", "region": "Japan", "lang": "en", "reward": 0.2}]}',
    ].join('\n');
    const { records, problems } = parseRewardRecords(text);
    expect(problems).toEqual([]);
    const { world, unmeasured } = worldFromRecords(records, ['en', 'ja', 'zh'], ['RK']);
    expect(world!.contexts).toEqual([{ topic: 'RK', regions: ['Japan'], origLang: 'ja', weight: 3 }]);
    // ja: mean 0.75, population std 0.25; en 0.2 (std 0); zh never logged -> mean of (0.2, 0.75) = 0.475
    expect(world!.means[0][0]).toBeCloseTo(0.2, 15);
    expect(world!.means[0][1]).toBeCloseTo(0.75, 15);
    expect(world!.means[0][2]).toBeCloseTo(0.475, 15);
    expect(world!.spreads[0][1]).toBeCloseTo(0.25, 15);
    expect(unmeasured).toBe(1);
    // the trainer's rollouts.jsonl records (RolloutRecord): regions list and targetLang
    const trainer = parseRewardRecords('{"step": 1, "topic": "RK", "regions": ["Japan"], "origLang": "ja", "targetLang": "en", "source": "router", "reward": 0.25}');
    expect(trainer.records).toEqual([{ topic: 'RK', region: ['Japan'], lang: 'en', reward: 0.25 }]);
    const flat = parseRewardRecords('{"ability": "Chat", "target_lang": "german", "reward": 0.4}\n{"topic": "Chat"}');
    expect(flat.records).toEqual([{ topic: 'Chat', region: null, lang: 'de', reward: 0.4 }]);
    expect(flat.problems.map((p) => [p.row, p.field])).toEqual([[2, 'lang']]);
  });
});
