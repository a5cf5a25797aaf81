// Bad reward records for the playground's "from a run" world (rollouts.jsonl lines, or a router-replay
// OBS.jsonl): a table of bad lines (line and field named, good lines kept), fuzzing (never throws;
// worldFromRecords never throws on what the parser returns), bytes that are not UTF-8, NaN/1e400,
// and a large file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProblem } from '../../data/example';
import { NOT_UTF8 } from '../../data/utf8-lines';
import { parseRewardRecords, worldFromRecords } from './world-from-data';

const enc = new TextEncoder();
const flat = (i: number) => JSON.stringify({ step: i, topic: 'RK', regions: ['Japan'], targetLang: i % 2 ? 'ja' : 'en', reward: (i % 10) / 10 });
const obs = (i: number) => JSON.stringify({ step: i, rewards: [{ topic: 'RK', region: 'Japan', lang: 'ja', reward: 0.5 }] });

describe('rollouts.jsonl records: table of bad lines', () => {
  it.each([
    ['null', 'null', undefined, /each line must be a JSON object/],
    ['a number', '42', undefined, /each line must be a JSON object/],
    ['a list', '[{"topic": "RK"}]', undefined, /each line must be a JSON object/],
    ['NaN reward', '{"topic": "RK", "lang": "en", "reward": NaN}', undefined, /not valid JSON.*NaN or Infinity, which JSON does not allow/],
    ['1e400 reward', '{"topic": "RK", "lang": "en", "reward": 1e400}', 'reward', /must be a finite number, got Infinity/],
    ['"0.5" reward', '{"topic": "RK", "lang": "en", "reward": "0.5"}', 'reward', /got "0\.5"/],
    ['empty topic', '{"topic": "", "lang": "en", "reward": 1}', 'topic', /non-empty string, got ""/],
    ['numeric ability', '{"ability": 7, "lang": "en", "reward": 1}', 'ability', /non-empty string, got 7/],
    ['unknown target_lang', '{"topic": "RK", "target_lang": "klingon", "reward": 1}', 'target_lang', /language code or name, got "klingon"/],
    ['numeric region', '{"topic": "RK", "lang": "en", "region": 5, "reward": 1}', 'region', /a list of strings or null, got 5/],
    ['mixed regions list', '{"topic": "RK", "lang": "en", "regions": ["Japan", 1], "reward": 1}', 'regions', /a list of strings or null/],
    ['a 1 MB topic is fine, a 1 MB language is named briefly', `{"topic": "RK", "lang": "${'q'.repeat(1_000_000)}", "reward": 1}`, 'lang', /got "q{60}…$/],
  ])('%s', (_w, bad, field, reason) => {
    const r = parseRewardRecords([flat(1), bad, flat(3)].join('\n'), 'rollouts.jsonl');
    expect(r.records).toHaveLength(2);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'rollouts.jsonl', row: 2 });
    expect(r.problems[0].field).toBe(field);
    expect(r.problems[0].reason).toMatch(reason);
    expect(formatProblem(r.problems[0]).length).toBeLessThan(300);
  });

  it('OBS.jsonl: a bad reward is named by line and rewards[j] field, the rest of the step kept', () => {
    const text = [obs(0), '{"step": 1, "rewards": [{"topic": "RK", "lang": "ja", "reward": 1e400}, {"topic": "RK", "lang": "en", "reward": 0.2}]}', obs(2)].join('\n');
    const r = parseRewardRecords(text, 'OBS.jsonl');
    expect(r.records).toHaveLength(3);
    expect(r.problems.map(formatProblem)).toEqual(['OBS.jsonl, row 2, field rewards[0].reward: must be a finite number, got Infinity']);
  });

  it('a line that is not UTF-8 is named and skipped (bytes entry point), in both formats', () => {
    for (const [make, name] of [[flat, 'rollouts.jsonl'], [obs, 'OBS.jsonl']] as const) {
      const bytes = new Uint8Array([...enc.encode(make(1) + '\n'), ...enc.encode('{"topic": "R'), 0xc0, 0x80, ...enc.encode('K"}\n'), ...enc.encode(make(3))]);
      const r = parseRewardRecords(bytes, name);
      expect(r.records).toHaveLength(2);
      expect(r.problems).toEqual([{ file: name, row: 2, reason: NOT_UTF8 }]);
    }
  });
});

describe('reward records: fuzzing and size', () => {
  const junk = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.record({ topic: fc.jsonValue(), lang: fc.oneof(fc.constantFrom('en', 'ja', 'german'), fc.jsonValue()), reward: fc.oneof(fc.double().map((d) => d), fc.jsonValue()), region: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] })
      .map((v) => JSON.stringify(v)),
  ).map((s) => s.replace(/[\r\n]/g, ' '));

  it('property: junk lines among good ones never throw, are placed on their own line, lose no good line; the world builds', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constant(null), junk), { maxLength: 25 }), (spec) => {
      const r = parseRewardRecords(spec.map((s, i) => s ?? flat(i)).join('\n'), 'r.jsonl');
      const good = spec.filter((s) => s === null).length;
      expect(r.records.length).toBeGreaterThanOrEqual(good);
      for (const p of r.problems) {
        expect(spec[p.row! - 1]).not.toBeNull();
        expect(p.file).toBe('r.jsonl');
      }
      for (const rec of r.records) expect(Number.isFinite(rec.reward)).toBe(true);
      const w = worldFromRecords(r.records, ['en', 'ja', 'de'], ['RK']);
      if (w.world) for (const row of w.world.means) for (const m of row) expect(m >= 0 && m <= 1).toBe(true);
    }), { numRuns: 500, seed: 61 });
  });

  it('property: arbitrary bytes never throw, in either format', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, asObs) => {
      const b = asObs ? new Uint8Array([...enc.encode('{"rewards": []}\n'), ...bytes]) : bytes;
      const r = parseRewardRecords(b, 'f');
      const n = b.filter((x) => x === 0x0a).length + 1;
      for (const p of r.problems) expect(p.row! >= 1 && p.row! <= n).toBe(true);
      worldFromRecords(r.records, ['en'], []);
    }), { numRuns: 500, seed: 62 });
  });

  it('reads 100 000 rollout records (about 9 MB) with a bad line in the middle', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => flat(i));
    lines[50_000] = '{"topic": "RK", "lang": "en", "reward": NaN}';
    const t0 = performance.now();
    const r = parseRewardRecords(enc.encode(lines.join('\n')), 'big.jsonl');
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(r.records).toHaveLength(99_999);
    expect(r.problems.map((p) => p.row)).toEqual([50_001]);
    const w = worldFromRecords(r.records, ['en', 'ja'], ['RK']);
    expect(w.world!.contexts[0].weight).toBe(99_999);
  });
});
