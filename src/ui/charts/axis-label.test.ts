import { describe, expect, it } from 'vitest';
import { axisWidth, fitLabel, textWidth } from './axis-label';

describe('axis labels', () => {
  it('estimates widths (CJK double) and keeps short labels as they are', () => {
    expect(textWidth('ab', 10)).toBeCloseTo(11.6, 10);
    expect(textWidth('中文', 10)).toBe(20);
    expect(fitLabel('Science', 200, 12)).toBe('Science');
  });
  it('cuts long labels to one line with an ellipsis that fits', () => {
    const long = 'Regional Knowledge: Food, Festivals and Everyday Customs of Southeast Asia';
    const cut = fitLabel(long, 140, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(140);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
  it('sizes the axis between its bounds', () => {
    expect(axisWidth(['a'], 12)).toBe(60);
    expect(axisWidth(['x'.repeat(100)], 12)).toBe(220);
  });
});
