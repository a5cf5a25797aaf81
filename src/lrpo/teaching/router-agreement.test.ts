import { describe, expect, it } from 'vitest';
import { readDesign, routerAgreement } from './router-agreement';

const row = (p: Record<string, number>) => ({ softmax: p, effective: p });

describe('routerAgreement', () => {
  it('counts regions whose row tops on a designed language, over regions with a row', () => {
    const line = { step: 9, probs: { 'region:A': row({ fr: 0.6, de: 0.4 }), 'region:B': row({ fr: 0.7, de: 0.3 }), 'topic:T': row({ fr: 0.1, de: 0.9 }) } };
    const a = routerAgreement(line, [{ region: 'A', languages: ['fr'] }, { region: 'B', languages: ['de'] }, { region: 'C', languages: ['fr'] }]);
    expect(a).toMatchObject({ share: 0.5, agreeing: 1, regions: 2 });
    expect(a.rows[1]).toEqual({ region: 'B', designed: ['de'], top: 'fr', p: 0.7 });
    expect(a.rows[2].top).toBeNull();
  });
  it('reads a design and names a bad field', () => {
    expect(readDesign({ regions: [{ region: 'A', languages: ['fr'] }] })).toEqual([{ region: 'A', languages: ['fr'] }]);
    expect(() => readDesign({ regions: [{ region: 'A', languages: 'fr' }] })).toThrow(/regions\[0\]\.languages/);
    expect(() => readDesign({})).toThrow(/"regions"/);
  });
});
