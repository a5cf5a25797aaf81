import { describe, expect, it } from 'vitest';
import { formatRouterLogLine, parseRouterLog } from './router-log';

// Lines in the reference's shape, as Python's json.dumps writes them (spaces after separators).
const GOOD1 = '{"step": 1, "probs": {"topic:Regional Knowledge": {"softmax": {"en": 0.5, "ja": 0.5}, "effective": {"en": 0.5, "ja": 0.5}}, "region:Japan": {"softmax": {"en": 0.25, "ja": 0.75}, "effective": {"en": 0.3, "ja": 0.7}}}}';
const GOOD2 = '{"step": 2, "probs": {"topic:Chat": {"softmax": {"en": 1.0, "zh": 0.0}, "effective": {"en": 0.9, "zh": 0.1}}}, "note": "extra fields are ignored"}';

describe('router log reader', () => {
  it('reads reference lines, languages and keys in first-seen order', () => {
    const r = parseRouterLog(`${GOOD1}\n\n${GOOD2}\r\n`, 'router.jsonl');
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => l.step)).toEqual([1, 2]);
    expect(r.lines[0].probs['region:Japan'].effective.ja).toBe(0.7);
    expect(r.keys).toEqual(['topic:Regional Knowledge', 'region:Japan', 'topic:Chat']);
    expect(r.languages).toEqual(['en', 'ja', 'zh']);
  });

  it('reads the reference\'s "None" and "[]" region rows, which appear mid-log', () => {
    const ref = [
      '{"step": 1, "probs": {"topic:Regional Knowledge": {"softmax": {"en": 0.5, "ja": 0.5}, "effective": {"en": 0.5, "ja": 0.5}}}}',
      '{"step": 2, "probs": {"topic:Regional Knowledge": {"softmax": {"en": 0.5, "ja": 0.5}, "effective": {"en": 0.5, "ja": 0.5}}, "region:None": {"softmax": {"en": 0.6, "ja": 0.4}, "effective": {"en": 0.55, "ja": 0.45}}, "region:[]": {"softmax": {"en": 0.4, "ja": 0.6}, "effective": {"en": 0.45, "ja": 0.55}}}}',
    ].join('\n');
    const r = parseRouterLog(ref, 'ref.jsonl');
    expect(r.problems).toEqual([]);
    expect(r.keys).toEqual(['topic:Regional Knowledge', 'region:None', 'region:[]']);
    expect(r.lines[1].probs['region:[]'].softmax.ja).toBe(0.6);
    expect(r.lines[0].probs['region:None']).toBeUndefined();
  });

  it('lists malformed lines with line numbers and fields, and keeps the rest', () => {
    const text = [
      GOOD1,
      '{"step": 2, "probs": {"topic:X": {"softmax": {"en": NaN}, "effective": {"en": 1}}}}',
      '{"step": -1, "probs": {}}',
      '{"step": 4, "probs": {"topic:X": {"softmax": {"en": 1.5}, "effective": {"en": 1}}}}',
      '{"step": 5, "probs": {"lang:X": {"softmax": {}, "effective": {}}}}',
      '{"step": 6, "probs": {"topic:X": {"softmax": {"en": 1}}}}',
      '[1, 2]',
      GOOD2,
    ].join('\n');
    const r = parseRouterLog(text, 'router.jsonl');
    expect(r.lines.map((l) => l.step)).toEqual([1, 2]);
    expect(r.problems.map((p) => [p.row, p.field ?? null])).toEqual([
      [2, null],
      [3, 'step'],
      [4, 'probs.topic:X.softmax.en'],
      [5, 'probs.lang:X'],
      [6, 'probs.topic:X.effective'],
      [7, null],
    ]);
    expect(r.problems[0].reason).toMatch(/NaN or Infinity/);
    expect(r.problems[0].file).toBe('router.jsonl');
  });

  it('writes lines it reads back unchanged, with step first', () => {
    const line = parseRouterLog(GOOD1).lines[0];
    const text = formatRouterLogLine(line);
    expect(text.startsWith('{"step":1,"probs":{')).toBe(true);
    expect(parseRouterLog(text).lines[0]).toEqual(line);
  });
});
