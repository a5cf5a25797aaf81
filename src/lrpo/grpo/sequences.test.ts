import { describe, expect, it } from 'vitest';
import { packSequences, packedWidth } from './sequences';

describe('packSequences', () => {
  it('shifts targets by one, scores only response tokens and pads to the longest row', () => {
    const p = packSequences([
      { prompt: [1, 2, 3], response: [7, 8], responseLogprobs: [-0.5, -0.25] },
      { prompt: [1, 4], response: [9] },
    ], 0);
    expect(p.batch.B).toBe(2);
    expect(p.batch.T).toBe(4);
    expect(Array.from(p.batch.tokens)).toEqual([1, 2, 3, 7, 1, 4, 0, 0]);
    expect(Array.from(p.batch.targets)).toEqual([-1, -1, 7, 8, -1, 9, -1, -1]);
    expect(Array.from(p.mask)).toEqual([0, 0, 1, 1, 0, 1, 0, 0]);
    expect(Array.from(p.old)).toEqual([0, 0, -0.5, -0.25, 0, 0, 0, 0]);
    expect(p.tokens).toBe(3);
  });

  it('pads to a given width (a micro-batch as wide as its mini-batch); never narrower than the rows need', () => {
    const rows = [{ prompt: [1, 4], response: [9] }];
    const p = packSequences(rows, 0, 4);
    expect(p.batch.T).toBe(4);
    expect(Array.from(p.batch.tokens)).toEqual([1, 4, 0, 0]);
    expect(Array.from(p.batch.targets)).toEqual([-1, 9, -1, -1]);
    expect(packSequences(rows, 0, 1).batch.T).toBe(2);
    expect(packedWidth([{ prompt: [1, 2, 3], response: [7, 8] }, ...rows])).toBe(4);
  });
});
