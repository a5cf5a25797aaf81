// One rule per option: the URL (src/ui/url-config.ts), the Train view's form (src/ui/config-fields.ts
// via the settings store's parse), run.json / the CLI (src/lrpo/run-config-file.ts, what `lrpo-studio
// train --config` reads) and the core (checkRunConfig) accept exactly the values the option table
// (src/lrpo/config-rules.ts) accepts, and the same whole configurations, nothing else. Values are
// probed at and around every bound, plus wrong kinds. Above the layers (it uses ui and lrpo) like
// layers.test.ts.
import { describe, expect, it } from 'vitest';
import { defaultRunConfig, type RunConfig } from './lrpo/config';
import { CONFIG_FIELDS, checkRunConfig } from './lrpo/config-check';
import { OPTION_RULES, checkOptionValue, configProblems, optionText, type OptionRule } from './lrpo/config-rules';
import { readRunConfigFile } from './lrpo/run-config-file';
import { checkRouterConfig } from './lrpo/router/config-check';
import { Rng } from './engine/rng';
import { FIELDS, FIELD_BY_PATH, checkConfig, parseFieldValue, setField } from './ui/config-fields';
import { configFromQuery, configToQuery } from './ui/url-config';

function leafPaths(o: unknown, prefix = ''): string[] {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** Typed candidate values for an option: its bounds and their neighbours, and wrong kinds. */
function candidates(o: OptionRule): unknown[] {
  switch (o.kind) {
    case 'int':
    case 'number': {
      const pts = [0, 1, -1, 0.5, 2, 7, 1e6, -1e6, 2 ** 32];
      for (const b of [o.min, o.max]) if (b !== undefined) pts.push(b, b - 1, b + 1, b - 0.25, b + 0.25, b - 1e-9, b + 1e-9);
      return [...new Set(pts)];
    }
    case 'bool':
      return [true, false];
    case 'enum':
      return [...o.choices!, 'bogus'];
    case 'string':
      return ['', 'data/x.parquet'];
    case 'list':
      return [[], ['A'], ['A', 'B']];
    case 'langs':
      return [['en'], ['en', 'de'], ['de', 'en', 'zh'], ['en', 'en'], ['en', 'xx']];
  }
}

/** whether any problem in `problems` names the option (or one of its items) */
const names = (problems: { field?: string }[], path: string) => problems.some((p) => p.field === path || p.field?.startsWith(`${path}[`));

describe('one rule per option', () => {
  it('the form, the URL, run.json and the core know the same options: every leaf of the config', () => {
    const leaves = leafPaths(defaultRunConfig()).sort();
    expect(OPTION_RULES.map((o) => o.path).sort()).toEqual(leaves);
    expect([...CONFIG_FIELDS].sort()).toEqual(leaves);
    expect(FIELDS.map((f) => f.path).sort()).toEqual(leaves);
  });

  it('each option value is accepted by the URL, the form, run.json (the CLI) and the router check exactly when the table accepts it', () => {
    let probes = 0;
    for (const o of OPTION_RULES) {
      for (const v of candidates(o)) {
        const ok = checkOptionValue(o, v) === null;
        const text = optionText(v);
        // the form: the field's parse (the settings store's first gate)
        const form = parseFieldValue(FIELD_BY_PATH.get(o.path)!, text);
        expect('value' in form, `form ${o.path}=${text}`).toBe(ok);
        // the option alone over the defaults: when the table accepts the value, only a rule across
        // options can still refuse the configuration
        const alone = ok ? setField(defaultRunConfig(), o.path, v as never) : null;
        const cross = alone ? configProblems(alone) : [];
        expect(cross.every((p) => p.involves.length > 1), `${o.path}=${text}`).toBe(true);
        // the URL: the parameter is kept exactly when the table accepts it and no cross rule refuses it
        const url = configFromQuery(`${o.path}=${encodeURIComponent(text)}`);
        expect(names(url.problems, o.path), `url ${o.path}=${text}`).toBe(!ok || cross.length > 0);
        if (ok && !cross.length) expect(url.config).toEqual(alone);
        // run.json / the CLI: the option alone in a file
        const raw: Record<string, unknown> = {};
        const keys = o.path.split('.');
        keys.reduce((obj, k, i) => (obj[k] = i === keys.length - 1 ? v : {}) as Record<string, unknown>, raw);
        const file = readRunConfigFile(JSON.stringify(raw), 'run.json');
        expect(file.config !== null, `run.json ${o.path}=${JSON.stringify(v)}`).toBe(ok && !cross.length);
        if (ok) expect(file.problems.map((p) => p.reason)).toEqual(cross.map((p) => p.reason));
        else expect(names(file.problems, o.path), `run.json ${o.path}=${JSON.stringify(v)}`).toBe(true);
        // the router's own check (router replay) for router options
        if (o.path.startsWith('router.')) {
          const key = o.path.slice('router.'.length);
          const r = checkRouterConfig({ ...defaultRunConfig().router, [key]: v } as never);
          const routerCross = cross.filter((p) => p.involves.every((f) => f.startsWith('router.')));
          expect(r.length > 0, `router ${key}=${JSON.stringify(v)}`).toBe(!ok || routerCross.length > 0);
          if (!ok) expect(r.some((p) => p.field === key || p.field?.startsWith(`${key}[`))).toBe(true);
        }
        probes++;
      }
    }
    expect(probes).toBeGreaterThan(500);
  });

  it('whole configurations: the core, the form, run.json and the URL accept the same ones', () => {
    const rng = new Rng(12);
    let accepted = 0, refused = 0;
    for (let n = 0; n < 400; n++) {
      let c: RunConfig = defaultRunConfig();
      // two to four options set to valid values each: what remains are the rules across options
      for (let k = 2 + rng.int(3); k > 0; k--) {
        const o = OPTION_RULES[rng.int(OPTION_RULES.length)];
        const good = candidates(o).filter((v) => checkOptionValue(o, v) === null);
        if (good.length) c = setField(c, o.path, good[rng.int(good.length)] as never);
      }
      const core = checkRunConfig(c);
      const ok = core.length === 0;
      expect(checkConfig(c).length === 0).toBe(ok);
      expect(readRunConfigFile(JSON.stringify(c), 'run.json').config !== null).toBe(ok);
      const url = configFromQuery(configToQuery(c));
      expect(url.problems.length === 0).toBe(ok);
      // whatever the URL keeps is a configuration the core accepts
      expect(checkRunConfig(url.config)).toEqual([]);
      if (ok) {
        expect(url.config).toEqual(c);
        accepted++;
      } else refused++;
    }
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(20);
  });
});
