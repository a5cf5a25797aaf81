import { describe, expect, it } from 'vitest';
import { defaultRouterConfig } from '../config';
import { checkRouterConfig, routerConfigFromJson } from './config-check';

describe('router config check', () => {
  it('accepts the reference defaults', () => {
    expect(checkRouterConfig(defaultRouterConfig())).toEqual([]);
  });

  it('names every bad field', () => {
    const bad = {
      ...defaultRouterConfig(),
      lang_policy_alpha: 0,
      lang_policy_update_every: 2.5,
      lang_policy_group_norm: 'softmax' as never,
      languages: ['en', 'en'],
      lang_policy_epsilon_init: 1.5,
    };
    const fields = checkRouterConfig(bad, 'run.json').map((p) => p.field);
    // in the order of the run config's option table (config-rules.ts)
    expect(fields).toEqual(['languages[1]', 'lang_policy_alpha', 'lang_policy_update_every', 'lang_policy_epsilon_init', 'lang_policy_group_norm']);
    expect(checkRouterConfig(bad, 'run.json')[0].file).toBe('run.json');
  });

  it('reads a RunConfig, plain options, or verl-prefixed keys; unknown keys are problems', () => {
    expect(routerConfigFromJson({ router: { lang_policy_alpha: 0.3 } }).config.lang_policy_alpha).toBe(0.3);
    const r = routerConfigFromJson({ '+data.dynamic_lang_policy': false, 'data.lang_policy_group_norm': 'center', lang_polcy_alpha: 1 });
    expect(r.config.dynamic_lang_policy).toBe(false);
    expect(r.config.lang_policy_group_norm).toBe('center');
    expect(r.problems).toEqual([{ field: 'lang_polcy_alpha', reason: 'is not a router option' }]);
    expect(routerConfigFromJson([1]).problems[0].reason).toMatch(/JSON object/);
  });
});
