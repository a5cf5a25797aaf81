import { describe, expect, it } from 'vitest';
import { formatNumber, formatSi, formatTick } from './format';

describe('number formatting', () => {
  it('keeps neighbouring axis ticks distinct', () => {
    const ticks = [5.6064, 5.6066, 5.6068, 5.607].map(formatTick);
    expect(new Set(ticks).size).toBe(4);
    expect(formatTick(1.2e-7)).toBe('1.20e-7');
    expect(formatTick(0)).toBe('0');
  });
  it('formats values and SI rates', () => {
    expect(formatNumber(0.12345)).toBe('0.123');
    expect(formatNumber(123.4)).toBe('123');
    expect(formatSi(2.08e7, 'FLOP/s')).toBe('20.80 MFLOP/s');
    expect(formatSi(106.4, 'tok/s')).toBe('106.4 tok/s');
  });
});
