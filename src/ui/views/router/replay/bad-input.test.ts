// Bad input for the two replay readers (router JSONL log, metrics.jsonl): a table of bad lines, fuzzing
// (never throws, every problem placed on a real line, every good line kept), bytes that are not
// UTF-8, NaN/Infinity/1e400, and large files and lines.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProblem } from '../../../../data/example';
import { NOT_UTF8 } from '../../../../data/utf8-lines';
import { readRouterLog } from './router-log-reader';
import { readMetricsJsonl } from './metrics-jsonl-reader';

const enc = new TextEncoder();
const good = (step: number) => JSON.stringify({ step, probs: { 'topic:A': { softmax: { en: 0.75, de: 0.25 }, effective: { en: 0.7, de: 0.3 } } } });
const goodMetrics = (step: number) => JSON.stringify({ step, metrics: { 'critic/score/mean': step / 10 } });

describe('router log: table of bad lines', () => {
  const huge = 'k'.repeat(2_000_000);
  const cases: [string, string, string | undefined, RegExp][] = [
    ['NaN (Python json.dumps)', '{"step": 1, "probs": {"topic:A": {"softmax": {"en": NaN}, "effective": {"en": 1}}}}', undefined, /not valid JSON.*NaN or Infinity/],
    ['Infinity', '{"step": Infinity, "probs": {}}', undefined, /NaN or Infinity, which JSON does not allow/],
    ['1e400 probability', '{"step": 1, "probs": {"topic:A": {"softmax": {"en": 1e400}, "effective": {"en": 1}}}}', 'probs.topic:A.softmax.en', /got Infinity/],
    ['1e400 step', '{"step": 1e400, "probs": {}}', 'step', /got Infinity/],
    ['"NaN" string', '{"step": 1, "probs": {"topic:A": {"softmax": {"en": "NaN"}, "effective": {"en": 1}}}}', 'probs.topic:A.softmax.en', /got "NaN"/],
    ['string step', '{"step": "3", "probs": {}}', 'step', /non-negative integer, got "3"/],
    ['fractional step', '{"step": 1.5, "probs": {}}', 'step', /got 1.5/],
    ['null line', 'null', undefined, /must be a JSON object/],
    ['array line', '[1, 2]', undefined, /must be a JSON object/],
    ['string line', '"step"', undefined, /must be a JSON object/],
    ['probs list', '{"step": 1, "probs": []}', 'probs', /must be an object/],
    ['entry list', '{"step": 1, "probs": {"topic:A": []}}', 'probs.topic:A', /"softmax" and "effective"/],
    ['__proto__ key', '{"step": 1, "probs": {"__proto__": {}}}', 'probs.__proto__', /must start with "topic:"/],
    ['probability above 1', '{"step": 1, "probs": {"topic:A": {"softmax": {"en": 1.5}, "effective": {"en": 1}}}}', 'probs.topic:A.softmax.en', /got 1.5/],
    ['truncated line', '{"step": 1, "probs": {"topic:A": {"soft', undefined, /not valid JSON/],
    ['2 MB key', `{"step": 1, "probs": {"${huge}": {}}}`, `probs.${'k'.repeat(80)}…`, /must start with "topic:"/],
    ['2 MB value', `{"step": "${huge}", "probs": {}}`, 'step', /got "kkkk/],
    ['deep nesting', '['.repeat(100_000) + ']'.repeat(100_000), undefined, /must be a JSON object|not valid JSON/],
  ];

  it.each(cases)('%s: placed on its line with the field, good lines kept', (_what, bad, field, reason) => {
    const r = readRouterLog([good(1), bad, good(3)].join('\n'), 'log.jsonl');
    expect(r.frames.map((f) => f.step)).toEqual([1, 3]);
    expect(r.problems).toHaveLength(1);
    const [p] = r.problems;
    expect(p).toMatchObject({ file: 'log.jsonl', row: 2 });
    expect(p.field).toBe(field);
    expect(p.reason).toMatch(reason);
    expect(formatProblem(p).length).toBeLessThan(400);
  });

  it('names a line that is not UTF-8 and keeps every other line (bytes entry point)', () => {
    const bytes = new Uint8Array([...enc.encode(good(1) + '\n'), 0x7b, 0xff, 0xfe, 0x7d, 0x0a, ...enc.encode(good(3) + '\n{bad\n')]);
    const r = readRouterLog(bytes, 'log.jsonl');
    expect(r.frames.map((f) => f.step)).toEqual([1, 3]);
    expect(r.lines).toBe(4);
    expect(r.problems.map((p) => [p.row, p.reason.slice(0, p.row === 4 ? 16 : 25)])).toEqual([[2, NOT_UTF8.slice(0, 25)], [4, 'not valid JSON ('.slice(0, 25)]]);
    expect(formatProblem(r.problems[0])).toBe(`log.jsonl, row 2: ${NOT_UTF8}`);
    // the text entry point (file.text()) would have read U+FFFD: it sees valid-looking JSON text
    expect(readRouterLog(new TextDecoder().decode(bytes), 'log.jsonl').problems[0].reason).not.toBe(NOT_UTF8);
  });

  it('property: arbitrary junk lines among good ones never throw, are placed on their own line, lose no good line', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ step: fc.jsonValue(), probs: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 })) }).map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 30 }).map((u) => new TextDecoder().decode(u)),
    ).map((s) => s.replace(/[\r\n]/g, ' '));
    fc.assert(fc.property(fc.array(fc.oneof(fc.constant(null), junk), { maxLength: 25 }), (spec) => {
      const lines = spec.map((s, i) => s ?? good(1000 + i));
      const r = readRouterLog(lines.join('\n'), 'f.jsonl');
      const goodSteps = spec.flatMap((s, i) => (s === null ? [1000 + i] : []));
      const steps = new Set(r.frames.map((f) => f.step));
      for (const s of goodSteps) expect(steps.has(s)).toBe(true);
      for (const p of r.problems) {
        expect(p.file).toBe('f.jsonl');
        expect(spec[p.row! - 1]).not.toBeNull();
        expect(p.reason.length).toBeGreaterThan(0);
      }
    }), { numRuns: 400, seed: 11 });
  });

  it('property: arbitrary bytes never throw and every problem is on a line of the file', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const r = readRouterLog(bytes, 'b.jsonl');
      const nLines = bytes.filter((b) => b === 0x0a).length + 1;
      for (const p of r.problems) expect(p.row! >= 1 && p.row! <= nLines).toBe(true);
      expect(r.frames.length + r.problems.length).toBeGreaterThanOrEqual(r.lines > 0 ? 1 : 0);
    }), { numRuns: 500, seed: 12 });
  });

  it('reads a 50 000-line (about 8 MB) log with scattered bad lines', () => {
    const n = 50_000;
    const parts: Uint8Array[] = [];
    for (let i = 1; i <= n; i++) {
      if (i % 10_000 === 0) parts.push(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d, 0x0a])); // invalid 2-byte sequence
      else if (i % 10_000 === 5000) parts.push(enc.encode('{"step": NaN}\n'));
      else parts.push(enc.encode(good(i) + '\n'));
    }
    const bytes = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const t0 = performance.now();
    const r = readRouterLog(bytes, 'big.jsonl');
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.lines).toBe(n);
    expect(r.frames).toHaveLength(n - 10);
    expect(r.problems.filter((p) => p.reason === NOT_UTF8).map((p) => p.row)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(r.problems.filter((p) => /NaN/.test(p.reason)).map((p) => p.row)).toEqual([5000, 15_000, 25_000, 35_000, 45_000]);
  });
});

describe('metrics.jsonl: bad lines', () => {
  it.each([
    ['NaN literal', '{"step": 2, "metrics": {"actor/loss": NaN}}', undefined, /NaN or Infinity, which JSON does not allow/],
    ['1e400 value', '{"step": 2, "metrics": {"actor/loss": 1e400}}', 'actor/loss', /overflows to Infinity/],
    ['-1e400 value', '{"step": 2, "actor/loss": -1e400}', 'actor/loss', /overflows to -Infinity/],
    ['metrics as a list', '{"step": 2, "metrics": [1, 2]}', 'metrics', /no numeric metrics/],
    ['step "2"', '{"step": "2", "metrics": {"a": 1}}', 'step', /step is "2"/],
    ['null line', 'null', undefined, /must be a JSON object/],
    ['huge step string', `{"step": "${'9'.repeat(1_000_000)}"}`, 'step', /not a non-negative integer/],
  ])('%s', (_w, bad, field, reason) => {
    const r = readMetricsJsonl([goodMetrics(1), bad, goodMetrics(3)].join('\n'), 'metrics.jsonl');
    expect(r.rows.map((x) => x.step)).toEqual([1, 3]);
    const p = r.problems.find((q) => q.row === 2)!;
    expect(p).toMatchObject({ file: 'metrics.jsonl', row: 2 });
    expect(p.field).toBe(field);
    expect(p.reason).toMatch(reason);
    expect(formatProblem(p).length).toBeLessThan(400);
  });

  it('a line with one overflowing metric keeps its finite metrics', () => {
    const r = readMetricsJsonl('{"step": 1, "metrics": {"a": 1e999, "b": 0.5}}', 'm');
    expect(r.rows).toEqual([{ step: 1, metrics: { b: 0.5 } }]);
    expect(r.problems).toEqual([{ file: 'm', row: 1, field: 'a', reason: 'value overflows to Infinity (not a finite number); left out' }]);
  });

  it('names a line that is not UTF-8 and keeps the rest (bytes entry point)', () => {
    const bytes = new Uint8Array([...enc.encode(goodMetrics(1) + '\r\n'), 0xe9, 0x0d, 0x0a, ...enc.encode(goodMetrics(3))]);
    const r = readMetricsJsonl(bytes, 'metrics.jsonl');
    expect(r.rows.map((x) => x.step)).toEqual([1, 3]);
    expect(r.problems).toEqual([{ file: 'metrics.jsonl', row: 2, reason: NOT_UTF8 }]);
  });

  it('property: junk lines never throw, are placed on their line, and lose no good line', () => {
    const junk = fc.oneof(fc.string({ maxLength: 60 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.record({ step: fc.jsonValue(), metrics: fc.jsonValue({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)))
      .map((s) => s.replace(/[\r\n]/g, ' '));
    fc.assert(fc.property(fc.array(fc.oneof(fc.constant(null), junk), { maxLength: 25 }), (spec) => {
      const r = readMetricsJsonl(spec.map((s, i) => s ?? goodMetrics(1000 + i)).join('\n'), 'm.jsonl');
      const steps = new Set(r.rows.map((x) => x.step));
      spec.forEach((s, i) => { if (s === null) expect(steps.has(1000 + i)).toBe(true); });
      for (const p of r.problems) expect(spec[p.row! - 1]).not.toBeNull();
      for (const row of r.rows) for (const v of Object.values(row.metrics)) expect(Number.isFinite(v)).toBe(true);
    }), { numRuns: 400, seed: 13 });
  });

  it('reads 100 000 lines (about 6 MB) with a bad byte in the middle', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => goodMetrics(i + 1));
    const text = lines.join('\n');
    const bytes = enc.encode(text);
    const mid = text.indexOf('\n', text.length >> 1) + 3; // inside line 50 001 or so
    bytes[mid] = 0xff;
    const r = readMetricsJsonl(bytes, 'm.jsonl');
    expect(r.rows).toHaveLength(99_999);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].reason).toBe(NOT_UTF8);
  });
});
