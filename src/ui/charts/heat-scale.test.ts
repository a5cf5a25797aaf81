import { describe, expect, it } from 'vitest';
import { divergingHeatColor } from './heat-scale';

describe('divergingHeatColor', () => {
  it('white at uniform 1/L, blue at the top, orange at 0', () => {
    expect(divergingHeatColor(0.2, 0.2, 0.8)).toBe('rgb(247, 247, 247)');
    expect(divergingHeatColor(0.8, 0.2, 0.8)).toBe('rgb(8, 48, 107)');
    expect(divergingHeatColor(0, 0.2, 0.8)).toBe('rgb(179, 88, 6)');
    // half way up and half way down
    expect(divergingHeatColor(0.5, 0.2, 0.8)).toBe('rgb(128, 148, 177)');
    expect(divergingHeatColor(0.1, 0.2, 0.8)).toBe('rgb(213, 168, 127)');
  });
});
