import { describe, expect, it } from 'vitest';
import { divergingColor, divergingPosition, divergingTextColor, heatColor } from './heat-scale';

describe('diverging scale around uniform', () => {
  const L = 15;
  const u = 1 / L;
  it('is 0 (near white) at 1/L, −1 at 0, +1 at the top; linear on each side', () => {
    expect(divergingPosition(u, u, 0.4)).toBe(0);
    expect(divergingPosition(0, u, 0.4)).toBe(-1);
    expect(divergingPosition(0.4, u, 0.4)).toBe(1);
    expect(divergingPosition(u / 2, u, 0.4)).toBeCloseTo(-0.5, 12);
    expect(divergingPosition((u + 0.4) / 2, u, 0.4)).toBeCloseTo(0.5, 12);
    expect(divergingPosition(0.9, u, 0.4)).toBe(1);
  });
  it('colours: the centre is the light middle, the ends the two hues; text turns white on dark cells', () => {
    expect(divergingColor(u, u, 0.4)).toBe('rgb(247, 247, 247)');
    expect(divergingColor(0, u, 0.4)).toBe('rgb(179, 88, 6)');
    expect(divergingColor(0.4, u, 0.4)).toBe('rgb(8, 48, 107)');
    expect(divergingTextColor(0.4, u, 0.4)).toBe('#fff');
    expect(divergingTextColor(u, u, 0.4)).toBe('#1d1d27');
    // the sequential scale is unchanged
    expect(heatColor(0, 1)).toBe('rgb(247, 251, 255)');
  });
});
