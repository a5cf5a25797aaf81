import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { configFromQuery, configToQuery } from './url-config';
import { FIELDS, FIELD_BY_PATH, crossFieldProblems, defaults, getField, parseFieldValue, setField } from './config-fields';

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
    expect(r.problems[1].reason).toMatch(/model.n_embd: must be divisible by model.n_head \(3\), got 128; using the default 4/);
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

describe('url-config: bad and arbitrary parameters', () => {
  const paths = FIELDS.map((f) => f.path);
  // what a parameter's value may be: valid-looking, odd numbers, NaN-ish words, junk, huge
  const value = fc.oneof(
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '-0', '0x10', '', ' ', 'true', '0', '1', '4', 'en,de', 'en,xx', 'ucb', 'match'),
    fc.double().map(String),
    fc.integer({ min: -10, max: 300 }).map(String),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.constant('9'.repeat(5000)),
  );
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...paths) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'view', 'actor', 'actor.', '.seed') });

  it('property: any query string is read without throwing; the result always passes the core validator', async () => {
    const { checkRunConfig } = await import('../lrpo/config-check');
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.webQueryParameters(), fc.string({ unit: 'binary', maxLength: 100 })), (q) => {
      const r = configFromQuery(q);
      expect(checkRunConfig(r.config)).toEqual([]);
      for (const p of r.problems) {
        expect(p.file).toBe('URL');
        expect(typeof p.field).toBe('string');
        expect(p.reason.length).toBeGreaterThan(0);
      }
    }), { numRuns: 600, seed: 41 });
  });

  it('property: every parameter is either applied as parsed or named in a problem; messages stay short', () => {
    fc.assert(fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (pairs) => {
      const q = pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
      const r = configFromQuery(q);
      const named = new Set(r.problems.map((p) => p.field));
      const first = new Map<string, string>();
      for (const [n, v] of pairs) if (!first.has(n)) first.set(n, v);
      for (const [n, v] of first) {
        if (n === 'view' || n === 'test') continue;
        const spec = FIELD_BY_PATH.get(n);
        if (!spec) {
          expect(named.has(n.length > 80 ? `${n.slice(0, 80)}…` : n)).toBe(true);
          continue;
        }
        if (named.has(n)) continue; // rejected (bad value, or reverted by a rule) and said so
        const parsed = parseFieldValue(spec, v);
        expect('value' in parsed).toBe(true);
        if ('value' in parsed) expect(getField(r.config, n)).toEqual(parsed.value);
      }
      for (const p of r.problems) expect(p.reason.length + (p.field?.length ?? 0)).toBeLessThan(400);
    }), { numRuns: 800, seed: 42 });
  });

  it('percent-encoded bytes that are not UTF-8 are named, not read as U+FFFD; the good parameters still apply', () => {
    const r = configFromQuery('seed=7&data.train_files=caf%E9.jsonl&actor.rollout_n=4&na%FFme=1&router.languages=en%2Cde');
    expect(r.config.seed).toBe(7);
    expect(r.config.actor.rollout_n).toBe(4);
    expect(r.config.router.languages).toEqual(['en', 'de']);
    expect(r.config.data.train_files).toBe(defaults().data.train_files);
    expect(r.problems).toEqual([
      { file: 'URL', field: 'data.train_files', reason: `the value is not UTF-8 text once percent-decoded; using the default ${defaults().data.train_files}` },
      { file: 'URL', field: 'na%FFme', reason: 'the parameter name is not UTF-8 text once percent-decoded (ignored)' },
    ]);
    // as URLSearchParams does: '+' is a space and a lone '%' stays
    expect(configFromQuery('data.train_files=a+b%zz.jsonl').config.data.train_files).toBe('a b%zz.jsonl');
  });

  it.each([
    ['actor.rollout_n=NaN', 'actor.rollout_n', /"NaN" is not a finite number; using the default 8/],
    ['actor.rollout_n=1e400', 'actor.rollout_n', /"1e400" is not a finite number/],
    ['actor.rollout_n=4.5', 'actor.rollout_n', /"4.5" is not a whole number/],
    ['actor.lr=-0', 'actor.lr', /0 is below the allowed range/],
    [`seed=${'9'.repeat(100_000)}`, 'seed', /is not a finite number|above the allowed maximum/],
    [`router.algorithm=${'u'.repeat(100_000)}`, 'router.algorithm', /^"u{60}… is not one of softmax_eps, ucb, thompson/],
    [`${'z'.repeat(10_000)}=1`, `${'z'.repeat(80)}…`, /unknown option/],
    ['__proto__=1', '__proto__', /unknown option/],
    ['router.dynamic_lang_policy=yes', 'router.dynamic_lang_policy', /"yes" is not true or false/],
  ])('%#: names the field and keeps the message short', (q, field, reason) => {
    const r = configFromQuery(`${q}&seed=3`);
    const p = r.problems.find((x) => x.field === field)!;
    expect(p.reason).toMatch(reason);
    expect(p.reason.length).toBeLessThan(200);
    if (!q.startsWith('seed')) expect(r.config.seed).toBe(3);
    expect(({} as Record<string, unknown>)[1]).toBeUndefined();
  });
});
