import { describe, expect, it } from 'vitest';
import { requestedHooks } from './index';

describe('test hooks', () => {
  it('only the hooks ?test= names, known ones only', () => {
    expect(requestedHooks('')).toEqual([]);
    expect(requestedHooks('?view=train&actor.rollout_n=4')).toEqual([]);
    expect(requestedHooks('?test=drills')).toEqual(['drills']);
    expect(requestedHooks('?test=rewards,engine')).toEqual(['rewards', 'engine']);
    expect(requestedHooks('?test=1')).toEqual([]);
    expect(requestedHooks('?test=drills,bogus')).toEqual(['drills']);
  });
});
