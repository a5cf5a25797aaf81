// `lang_policy_log_every` 0 means "no router log" (the reference's meaning): every validator takes
// it, and a router configured so writes no line.
import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../lrpo/config';
import { checkRunConfig } from '../lrpo/config-check';
import { checkRouterConfig } from '../lrpo/router/config-check';
import { SoftmaxEpsRouter } from '../lrpo/router/softmax-eps-router';
import { checkConfig } from './config-fields';

describe('lang_policy_log_every = 0', () => {
  it('is valid in the run config, the router config and the studio form, and logs nothing', () => {
    const c = defaultRunConfig();
    c.router.lang_policy_log_every = 0;
    expect(checkRunConfig(c)).toEqual([]);
    expect(checkRouterConfig(c.router)).toEqual([]);
    expect(checkConfig(c)).toEqual([]);
    c.router.lang_policy_log_every = -1;
    expect(checkRunConfig(c).map((p) => p.field)).toEqual(['router.lang_policy_log_every']);
    const r = new SoftmaxEpsRouter({ ...c.router, lang_policy_log_every: 0, lang_policy_update_every: 1 }, 1);
    for (let s = 0; s < 3; s++) {
      r.beginStep();
      r.observe('T', null, 'en', 1);
      expect(r.endStep()).toBeNull();
    }
  });
});
