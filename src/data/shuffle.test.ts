import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/rng';
import { shuffleInPlace } from './shuffle';

describe('shuffleInPlace', () => {
  it('is Fisher–Yates with one rng.int(k + 1) draw per position, last first (hand-traced)', () => {
    const draws: number[] = [];
    const probe = new Rng(7);
    for (let k = 4; k > 0; k--) draws.push(probe.int(k + 1));
    const expected = [0, 1, 2, 3, 4];
    for (let k = 4, d = 0; k > 0; k--, d++) [expected[k], expected[draws[d]]] = [expected[draws[d]], expected[k]];
    const a = [0, 1, 2, 3, 4];
    expect(shuffleInPlace(a, new Rng(7))).toBe(a);
    expect(a).toEqual(expected);
  });
  it('keeps every element and depends on the seed', () => {
    const a = shuffleInPlace(Array.from({ length: 50 }, (_, i) => i), new Rng(1));
    const b = shuffleInPlace(Array.from({ length: 50 }, (_, i) => i), new Rng(2));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(b);
  });
});
