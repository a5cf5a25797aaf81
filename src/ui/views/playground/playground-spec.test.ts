import { describe, expect, it } from 'vitest';
import { decodeSpec, defaultSpec, encodeSpec } from './playground-spec';

describe('playground URL state', () => {
  it('round-trips a spec through ?pg=', () => {
    const s = defaultSpec();
    s.router.lang_policy_alpha = 0.25;
    s.columns = ['thompson'];
    s.world.contexts[2].regions = ['日本'];
    const enc = encodeSpec(s);
    expect(enc).toMatch(/^[A-Za-z0-9_-]+$/);
    const dec = decodeSpec(enc);
    expect(dec.problems).toEqual([]);
    expect(dec.spec).toEqual(s);
  });

  it('names the wrong part of pg', () => {
    expect(decodeSpec('%%%').problems[0].field).toBe('pg');
    const s = defaultSpec();
    s.router.lang_policy_group_norm = 'max' as never;
    s.world.means[0][0] = 7;
    s.n = 0;
    const dec = decodeSpec(encodeSpec(s));
    expect(dec.spec).toBeNull();
    expect(dec.problems.map((p) => p.field)).toEqual(['pg.world.means[0][0]', 'pg.n']);
    const t = defaultSpec();
    t.router.lang_policy_group_norm = 'max' as never;
    expect(decodeSpec(encodeSpec(t)).problems.map((p) => p.field)).toEqual(['pg.router.lang_policy_group_norm']);
  });
});
