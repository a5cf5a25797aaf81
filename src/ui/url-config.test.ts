import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { configFromQuery, configToQuery } from './url-config';
import { FIELDS, crossFieldProblems, defaults, getField, setField } from './config-fields';

describe('url-config', () => {
  it('writes nothing for the reference defaults', () => {
    expect(configToQuery(defaults())).toBe('');
  });

  it('writes only the options that differ, and reads them back', () => {
    let cfg = setField(defaults(), 'actor.rollout_n', 4);
    cfg = setField(cfg, 'router.dynamic_lang_policy', false);
    cfg = setField(cfg, 'router.languages', ['en', 'zh', 'hi']);
    const q = configToQuery(cfg);
    expect(q).toBe('router.dynamic_lang_policy=false&router.languages=en,zh,hi&actor.rollout_n=4');
    const back = configFromQuery('?' + q);
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual(cfg);
  });

  it('names a bad parameter, falls back to its default and keeps the good ones', () => {
    const r = configFromQuery('?actor.rollout_n=abc&seed=7&router.lang_policy_alpha=2&bogus=1');
    expect(r.config.seed).toBe(7);
    expect(r.config.actor.rollout_n).toBe(8);
    expect(r.config.router.lang_policy_alpha).toBe(0.1);
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p.reason]));
    expect(byField['actor.rollout_n']).toMatch(/not a finite number.*default 8/);
    expect(byField['router.lang_policy_alpha']).toMatch(/above the allowed maximum 1/);
    expect(byField['bogus']).toMatch(/unknown option/);
    expect(r.problems.every((p) => p.file === 'URL')).toBe(true);
  });

  it('rejects unknown languages and cross-field conflicts by name', () => {
    const r = configFromQuery('router.languages=en,xx&model.n_head=3');
    expect(r.config.router.languages).toEqual(defaults().router.languages);
    expect(r.problems.map((p) => p.field)).toEqual(['router.languages', 'model.n_head']);
    expect(r.problems[1].reason).toMatch(/n_embd 128 is not divisible by n_head 3; using the default 4/);
    expect(r.config.model.n_head).toBe(4);
    const ok = configFromQuery('model.n_embd=96&model.n_head=3');
    expect(ok.problems).toEqual([]);
    expect(ok.config.model.n_head).toBe(3);
  });

  it('round-trips random valid numeric edits (property)', () => {
    const numeric = FIELDS.filter((f) => (f.kind === 'int' || f.kind === 'number') && f.group === 'router');
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.double({ min: 0, max: 1, noNaN: true }), (spec, u) => {
        const lo = spec.min ?? 0;
        const hi = Math.min(spec.max ?? 10, lo + 10);
        let v = lo + (hi - lo) * u;
        if (spec.kind === 'int') v = Math.round(v);
        if (spec.minExclusive && v <= lo) v = spec.kind === 'int' ? lo + 1 : lo + 1e-3;
        if (v > hi) return;
        const cfg = setField(defaults(), spec.path, v);
        const back = configFromQuery(configToQuery(cfg));
        if (crossFieldProblems(cfg).length === 0) {
          expect(back.problems).toEqual([]);
          expect(getField(back.config, spec.path)).toBe(v);
        } else {
          // the edit breaks a cross-field rule: it is reported by name and reverted
          expect(back.problems.map((p) => p.field)).toEqual([spec.path]);
          expect(back.config).toEqual(defaults());
        }
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});

describe('url-config and the LRPO core validator', () => {
  it('every option of RunConfig has a field spec (the URL and the editor cover the whole config)', async () => {
    const { CONFIG_FIELDS } = await import('../lrpo/config-check');
    expect([...FIELDS.map((f) => f.path)].sort()).toEqual([...CONFIG_FIELDS].sort());
  });

  it('a configuration read from any URL passes checkRunConfig', async () => {
    const { checkRunConfig } = await import('../lrpo/config-check');
    for (const q of ['data.max_response_length=100', 'actor.ppo_mini_batch_size=3', 'actor.lr=0.5&actor.rollout_n=1', 'reward.similarity=embedding']) {
      const r = configFromQuery(q);
      expect(checkRunConfig(r.config)).toEqual([]);
      expect(r.problems.length).toBeGreaterThan(0);
    }
  });
});
