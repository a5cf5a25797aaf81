import { describe, expect, it } from 'vitest';
import { defaultRouterConfig } from '../config';
import { parseObservations, replayObservations } from './replay';

describe('router what-if replay', () => {
  it('applies one line per step in order and logs before each update', () => {
    const text = [
      '{"step": 0, "rewards": [{"topic": "Chat", "region": null, "lang": "en", "reward": 1}, {"topic": "Chat", "lang": "german", "reward": 0}]}',
      '{"step": 1, "rewards": []}',
    ].join('\n');
    const { steps, problems } = parseObservations(text);
    expect(problems).toEqual([]);
    expect(steps[0].rewards[1]).toEqual({ topic: 'Chat', region: null, lang: 'de', reward: 0 });
    const cfg = { ...defaultRouterConfig(), languages: ['en', 'de'], lang_policy_update_every: 1, lang_policy_alpha: 0.5, lang_policy_group_norm: 'none' as const };
    const { router, log } = replayObservations(cfg, steps);
    // line 1 (step 1): before the update -> uniform; line 2 (step 2): Q = [0.5, 0]
    expect(log.map((l) => l.step)).toEqual([1, 2]);
    expect(log[0].probs['topic:Chat'].softmax).toEqual({ en: 0.5, de: 0.5 });
    // tau at step index 1 = 0.999: softmax([0.5, 0] / 0.999)
    const p = 1 / (1 + Math.exp(-0.5 / 0.999));
    expect(log[1].probs['topic:Chat'].softmax.en).toBeCloseTo(p, 14);
    expect(router.snapshot().topic).toEqual([['Chat', [0.5, 0]]]);
  });

  it('is deterministic and names bad lines and fields', () => {
    const { problems } = parseObservations([
      '{"step": 3, "rewards": [{"topic": "", "lang": "en", "reward": 1}]}',
      '{"step": 2, "rewards": [{"topic": "T", "lang": "xx-klingon", "reward": 1}, {"topic": "T", "lang": "en", "reward": "1"}]}',
      'nope',
    ].join('\n'), 'obs.jsonl');
    expect(problems.map((p) => [p.row, p.field ?? null])).toEqual([
      [1, 'rewards[0].topic'], [2, 'step'], [2, 'rewards[0].lang'], [2, 'rewards[1].reward'], [3, null],
    ]);
    const { steps } = parseObservations('{"step": 0, "rewards": [{"topic": "T", "lang": "en", "reward": 0.3}]}');
    const a = replayObservations(defaultRouterConfig(), steps).router.getState();
    const b = replayObservations(defaultRouterConfig(), steps).router.getState();
    expect(a).toEqual(b);
  });
});
