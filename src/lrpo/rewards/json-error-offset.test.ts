import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonErrorOffset } from './json-error-offset';

const parses = (t: string) => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

describe('jsonErrorOffset', () => {
  it('points at the first invalid character', () => {
    expect(jsonErrorOffset('{"a": [1, 2]}')).toBeNull();
    expect(jsonErrorOffset('{"a": [,]}')).toBe(7);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a": ')).toBe(6);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('"\\x"')).toBe(2);
    expect(jsonErrorOffset('01')).toBe(1);
  });

  it('agrees with JSON.parse on valid JSON and on mutated JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', '-', '0'), (json, at, insert) => {
        const k = at % (json.length + 1);
        const text = json.slice(0, k) + insert + json.slice(k);
        expect(jsonErrorOffset(text) === null).toBe(parses(text));
      }),
      { numRuns: 500 },
    );
  });
});
