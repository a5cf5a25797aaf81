import { describe, expect, it } from 'vitest';
import { tokenColor } from './token-colors';

describe('tokenColor', () => {
  it('log-probability: white when certain, full red at -6 and below', () => {
    expect(tokenColor('logprob', 0)).toBe('rgb(255, 255, 255)');
    expect(tokenColor('logprob', -6)).toBe('rgb(214, 39, 40)');
    expect(tokenColor('logprob', -60)).toBe('rgb(214, 39, 40)');
    expect(tokenColor('logprob', -3)).toBe('rgb(235, 147, 148)');
  });
  it('entropy: white at 0 nats, purple at 3', () => {
    expect(tokenColor('entropy', 0)).toBe('rgb(255, 255, 255)');
    expect(tokenColor('entropy', 3)).toBe('rgb(118, 42, 131)');
  });
  it('ratio: white at 1, green above, red below, full colour at the clip bound', () => {
    expect(tokenColor('ratio', 1)).toBe('rgb(255, 255, 255)');
    expect(tokenColor('ratio', 1.2, 0.2)).toBe('rgb(26, 152, 80)');
    expect(tokenColor('ratio', 1 / 1.2, 0.2)).toBe('rgb(215, 48, 39)');
    expect(tokenColor('ratio', NaN)).toBe('#ddd');
  });
});
