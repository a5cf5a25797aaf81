import { describe, expect, it } from 'vitest';
import { loadCalibrator } from './calibrator';

describe('loadCalibrator', () => {
  it('none is the identity', () => {
    const c = loadCalibrator('none', 'ignored', 'x');
    expect(c.calibrate(0.37, 'de', 'en')).toBe(0.37);
    expect(c.problems).toEqual([]);
  });

  it('mean_shift reads the CSV; quantile reads the JSON table', () => {
    const ms = loadCalibrator('mean_shift', 'lang_a,lang_b,count,mean,std\nde,en,1,0.2,0\nfr,en,3,0.6,0\n', 's.csv');
    // mu_ref = (0.2 + 1.8) / 4 = 0.5; de-en shift 0.2 − 0.5 = −0.3
    expect(ms.pairs).toBe(2);
    expect(ms.calibrate(0.1, 'en', 'de')).toBeCloseTo(0.4, 15);
    const q = loadCalibrator('quantile', '{"pairs": {"de-en": {"quantiles": [0, 1], "values": [0, 1]}}}', 'q.json');
    expect(q.calibrate(0.25, 'de', 'en')).toBeCloseTo(-0.5, 15);
  });

  it('returns the table problems with the file name', () => {
    const bad = loadCalibrator('quantile', '{"pairs": 3}', 'q.json');
    expect(bad.problems[0]).toMatchObject({ file: 'q.json', field: 'pairs' });
    // an empty table: every pair missing -> F = clamp(s, 0, 1), s_cal = 2F − 1
    expect(bad.calibrate(0.3, 'de', 'en')).toBeCloseTo(-0.4, 15);
  });
});
