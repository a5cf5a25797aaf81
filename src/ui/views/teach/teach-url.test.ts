import { describe, expect, it } from 'vitest';
import { parseTeachHash, teachHash } from './teach-url';

describe('teach URL', () => {
  it('round-trips a step, group and panel', () => {
    expect(parseTeachHash(teachHash({ step: 3, group: 1, panel: 'advantages' }))).toEqual({ step: 3, group: 1, panel: 'advantages' });
  });
  it('missing or bad parts are null', () => {
    expect(parseTeachHash('#teach')).toEqual({ step: null, group: null, panel: null });
    expect(parseTeachHash('#teach/x/2/nope')).toEqual({ step: null, group: 2, panel: null });
    expect(parseTeachHash('#train/3/0/loss')).toEqual({ step: null, group: null, panel: null });
  });
});
