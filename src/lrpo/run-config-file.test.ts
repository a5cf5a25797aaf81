// Bad run config files (RUN.json / run.json): a table of bad inputs, fuzzing (never throws; a refused
// file names every problem with the file; an accepted one passes checkRunConfig), non-UTF-8 bytes,
// huge strings and files, NaN/Infinity/1e400/-0.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProblem } from '../data/example';
import { defaultRunConfig } from './config';
import { checkRunConfig, CONFIG_FIELDS, getField } from './config-check';
import { MAX_RUN_CONFIG_BYTES, readRunConfigFile } from './run-config-file';

const enc = new TextEncoder();
const messages = (input: Uint8Array | string) => readRunConfigFile(input, 'RUN.json').problems.map(formatProblem);

describe('run config files: table of bad inputs', () => {
  const huge = 'x'.repeat(500_000);
  it.each([
    ['empty file', '', ['RUN.json: the file is empty']],
    ['only a BOM and spaces', '\uFEFF  \n', ['RUN.json: the file is empty']],
    ['a list', '[1, 2]', ['RUN.json: a run config must be a JSON object']],
    ['null', 'null', ['RUN.json: a run config must be a JSON object']],
    ['a number string', '"NaN"', ['RUN.json: a run config must be a JSON object']],
    ['NaN literal', '{\n  "seed": 1,\n  "actor": {"lr": NaN}\n}', [/^RUN\.json, line 3: not valid JSON: .*; JSON has no NaN or Infinity, write a number$/]],
    ['Infinity literal', '{"actor": {"lr": Infinity}}', [/^RUN\.json, line 1: not valid JSON.*NaN or Infinity/]],
    ['"NaN" for a number', '{"actor": {"lr": "NaN"}}', ['RUN.json, field actor.lr: must be a number, got "NaN"']],
    ['1e400 for a number', '{"actor": {"lr": 1e400}}', ['RUN.json, field actor.lr: must be a number, got Infinity']],
    ['1e400 for an integer', '{"seed": 1e400}', ['RUN.json, field seed: must be an integer, got Infinity']],
    ['-1e400', '{"actor": {"grad_clip": -1e400}}', ['RUN.json, field actor.grad_clip: must be a number, got -Infinity']],
    ['5e-324 for (0, 1)', '{"actor": {"lr": 5e-324}}', []],
    ['seed 2^32', '{"seed": 4294967296}', ['RUN.json, field seed: must be an integer in [0, 4294967295], got 4294967296']],
    ['a huge string for a number', `{"seed": "${huge}"}`, [/^RUN\.json, field seed: must be an integer, got "x{60}…$/]],
    ['a huge unknown key', `{"${huge}": 1}`, [/^RUN\.json, field x{80}…: is not a run config option$/]],
    ['a huge language code', `{"router": {"languages": ["en", "${huge}"]}}`, [/^RUN\.json, field router\.languages\[1\]: must be a known ISO 639-1 code, got "x{60}…$/]],
    ['an object for a number', '{"actor": {"lr": {"value": 1}}}', ['RUN.json, field actor.lr: must be a number, got an object']],
    ['a section as a list', '{"actor": [1]}', ['RUN.json, field actor: must be an object, got [1 items]']],
    ['"constructor" (inherited, not an option)', '{"constructor": 1}', ['RUN.json, field constructor: is not a run config option']],
    ['"__proto__" (must not reach Object.prototype)', '{"__proto__": {"toString": 1, "seed": 5}}', ['RUN.json, field __proto__: is not a run config option']],
    ['"toString" inside a section', '{"actor": {"toString": 3}}', ['RUN.json, field actor.toString: is not a run config option']],
    ['a trailing comma', '{\n"seed": 1,\n}', [/^RUN\.json, line 3: not valid JSON/]],
    ['deep nesting', '{"a":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}', ['RUN.json, field a: is not a run config option']],
  ] as [string, string, (string | RegExp)[]][])('%s', (_what, text, want) => {
    const r = readRunConfigFile(text, 'RUN.json');
    const got = r.problems.map(formatProblem);
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => (typeof w === 'string' ? expect(got[i]).toBe(w) : expect(got[i]).toMatch(w)));
    expect(r.config === null).toBe(want.length > 0);
    for (const m of got) expect(m.length).toBeLessThan(300);
    expect(({} as Record<string, unknown>).seed).toBeUndefined(); // nothing leaked into Object.prototype
  });

  it('-0 is accepted as 0 where 0 is allowed, and a partial config merges over the defaults', () => {
    const r = readRunConfigFile('{"seed": -0, "actor": {"entropy_coeff": -0}}', 'RUN.json');
    expect(r.problems).toEqual([]);
    expect(r.config!.seed === 0).toBe(true); // -0 or 0: the same seed
    expect(r.config!.actor.clip_ratio_high).toBe(defaultRunConfig().actor.clip_ratio_high);
  });

  it('bytes that are not UTF-8 are named with their line, a BOM is fine', () => {
    const bad = new Uint8Array([...enc.encode('{\n  "data": {"train_files": "caf'), 0xe9, ...enc.encode('.jsonl"}\n}')]);
    expect(messages(bad)).toEqual(['RUN.json, line 2: not valid UTF-8 text (save the file as UTF-8)']);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('{"seed": 4}')]);
    expect(readRunConfigFile(bom, 'RUN.json').config!.seed).toBe(4);
    expect(readRunConfigFile('\uFEFF{"seed": 4}', 'RUN.json').config!.seed).toBe(4);
  });

  it('a file over the size limit is refused without being parsed', () => {
    const big = enc.encode(`{"data": {"train_files": "${'a'.repeat(MAX_RUN_CONFIG_BYTES)}"}}`);
    expect(messages(big)).toEqual([`RUN.json: the file is ${big.length} bytes, more than a run config's limit of ${MAX_RUN_CONFIG_BYTES}`]);
    // just under the limit, a long (odd but valid) path string is read
    const ok = readRunConfigFile(`{"data": {"train_files": "${'a'.repeat(MAX_RUN_CONFIG_BYTES - 40)}"}}`, 'RUN.json');
    expect(ok.problems).toEqual([]);
    expect(ok.config!.data.train_files).toHaveLength(MAX_RUN_CONFIG_BYTES - 40);
  });
});

describe('run config files: fuzzing', () => {
  const field = fc.constantFrom(...CONFIG_FIELDS);
  const odd = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('NaN', 'Infinity', '-0', '1e400', '', ' ', '0x10', 'true', 'en,de'),
    fc.double(), // NaN and ±Infinity become null in JSON; 1e308 and -0 stay
    fc.integer({ min: -5, max: 100 }),
  );

  it('arbitrary text never throws; a refused file names the file in every problem', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json()), (text) => {
      const r = readRunConfigFile(text, 'RUN.json');
      expect(r.problems.every((p) => p.file === 'RUN.json' && p.reason.length > 0)).toBe(true);
      if (r.config) expect(checkRunConfig(r.config)).toEqual([]);
    }), { numRuns: 500, seed: 31 });
  });

  it('arbitrary bytes never throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const r = readRunConfigFile(bytes, 'RUN.json');
      expect(r.config !== null || r.problems.length > 0).toBe(true);
    }), { numRuns: 500, seed: 32 });
  });

  it('options set to odd values: each bad one is named by its path, an accepted config holds exactly the values given', () => {
    fc.assert(fc.property(fc.dictionary(field, odd, { maxKeys: 6 }), (edits) => {
      const raw: Record<string, unknown> = {};
      for (const [path, v] of Object.entries(edits)) {
        const keys = path.split('.');
        let o = raw;
        for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
        o[keys[keys.length - 1]] = v;
      }
      const text = JSON.stringify(raw);
      const r = readRunConfigFile(text, 'RUN.json');
      if (r.config) {
        expect(checkRunConfig(r.config)).toEqual([]);
        const back = JSON.parse(text);
        for (const path of Object.keys(edits)) expect(getField(r.config, path)).toEqual(getField(back, path));
      } else {
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) {
          expect(p.file).toBe('RUN.json');
          expect(p.field).toBeDefined();
        }
        // a problem names an option the file set, or is a rule across options (which may name the partner)
        const elsewhere = r.problems.filter((p) => !Object.keys(edits).includes(p.field!.replace(/\[\d+\]$/, '')));
        for (const p of elsewhere) expect(p.reason).toMatch(/^(must be <=|must be divisible|.* must fit model\.block_size|must divide|is required when)/);
      }
    }), { numRuns: 600, seed: 33 });
  });
});
