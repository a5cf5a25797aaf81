// Our scrubber reads a reference log and our own alike: "None" / "[]" region rows that appear only
// after the update that makes them, and a log our router wrote for the same observations.
import { describe, expect, it } from 'vitest';
import { defaultRouterConfig } from '../../../../lrpo/config';
import { formatLogLine } from '../../../../lrpo/router/log-line';
import { parseObservations, replayObservations } from '../../../../lrpo/router/replay';
import { contextSeries, contextsOf } from '../router-derive';
import { readRouterLog } from './router-log-reader';

describe('scrubbing reference-shaped logs', () => {
  it('shows rows that appear mid-log, for a reference file and for ours', () => {
    const ref = [
      '{"step": 1, "probs": {"topic:Regional Knowledge": {"softmax": {"en": 0.5, "de": 0.5}, "effective": {"en": 0.5, "de": 0.5}}, "region:Japan": {"softmax": {"en": 0.5, "de": 0.5}, "effective": {"en": 0.5, "de": 0.5}}}}',
      '{"step": 2, "probs": {"topic:Regional Knowledge": {"softmax": {"en": 0.6, "de": 0.4}, "effective": {"en": 0.58, "de": 0.42}}, "region:Japan": {"softmax": {"en": 0.5, "de": 0.5}, "effective": {"en": 0.5, "de": 0.5}}, "region:None": {"softmax": {"en": 0.6, "de": 0.4}, "effective": {"en": 0.58, "de": 0.42}}, "region:[]": {"softmax": {"en": 0.4, "de": 0.6}, "effective": {"en": 0.42, "de": 0.58}}}}',
    ].join('\n');
    const a = readRouterLog(ref, 'reference.jsonl');
    expect(a.problems).toEqual([]);
    expect(contextsOf(a.frames)).toEqual(['topic:Regional Knowledge', 'region:Japan', 'region:None', 'region:[]']);
    expect(contextSeries(a.frames, 'region:[]', 'softmax')).toEqual([{ step: 2, en: 0.4, de: 0.6 }]);
    expect(a.frames[1].eps).toBeCloseTo(0.2, 9);

    // ours: the same shape from a replay of observations with null and [] regions
    const { steps } = parseObservations([
      '{"step": 1, "rewards": [{"topic": "Regional Knowledge", "region": "Japan", "lang": "en", "reward": 1}, {"topic": "Regional Knowledge", "region": null, "lang": "en", "reward": 1}, {"topic": "Regional Knowledge", "region": [], "lang": "de", "reward": 1}]}',
      '{"step": 2, "rewards": []}',
    ].join('\n'));
    const cfg = { ...defaultRouterConfig(), languages: ['en', 'de'], lang_policy_update_every: 1, lang_policy_group_norm: 'none' as const };
    const ours = readRouterLog(replayObservations(cfg, steps).log.map(formatLogLine).join('\n'), 'ours.jsonl');
    expect(ours.problems).toEqual([]);
    expect(contextsOf(ours.frames)).toEqual(['topic:Regional Knowledge', 'region:Japan', 'region:None', 'region:[]']);
    expect(Object.keys(ours.frames[0].probs)).toEqual(['topic:Regional Knowledge', 'region:Japan']);
  });
});
