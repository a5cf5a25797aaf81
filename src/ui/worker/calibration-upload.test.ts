import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../lrpo/config';
import { calibrationInfo, calibrationModeOf, checkCalibrationUpload, rewardWithUpload } from './calibration-upload';

const CSV = 'lang_a,lang_b,count,mean,std\nen,de,10,0.6,0.1\nen,fr,10,0.7,0.1\n';
const QUANTILE = JSON.stringify({ pairs: { 'de-en': { quantiles: [0, 0.5, 1], values: [0.2, 0.6, 0.9] } } });

describe('calibration tables opened in the studio', () => {
  it('tells the CSV from the quantile JSON by content', () => {
    expect(calibrationModeOf(CSV)).toBe('mean_shift');
    expect(calibrationModeOf('\uFEFF  \n' + QUANTILE)).toBe('quantile');
    expect(checkCalibrationUpload({ name: 'q.json', text: QUANTILE })).toEqual({ mode: 'quantile', pairs: 1, problems: [] });
  });

  it('keeps good rows and lists bad ones by file, line and field; no usable row means no pairs', () => {
    const r = checkCalibrationUpload({ name: 't.csv', text: CSV + 'en,zz9,3,0.5,0.1\nen,es,1,2.5,0.1\n' });
    expect(r.pairs).toBe(2);
    expect(r.problems).toEqual([
      expect.objectContaining({ file: 't.csv', line: 4, field: 'lang_b' }),
      expect.objectContaining({ file: 't.csv', line: 5, field: 'mean' }),
    ]);
    expect(checkCalibrationUpload({ name: 'e.csv', text: 'lang_a,lang_b,count,mean,std\n' })).toMatchObject({ pairs: 0, problems: [{ file: 'e.csv', reason: 'the table has no language pair' }] });
    expect(checkCalibrationUpload({ name: 'h.csv', text: 'a,b\n1,2\n' }).problems[0]).toMatchObject({ file: 'h.csv', field: 'lang_a' });
    expect(checkCalibrationUpload({ name: 'b.json', text: '{"pairs": ' }).problems[0]).toMatchObject({ file: 'b.json', line: 1 });
    const bin = String.fromCharCode(0, 255, 254, 7) + 'garbage';
    expect(checkCalibrationUpload({ name: 'x.bin', text: bin }).pairs).toBe(0);
  });

  it('the reward options and the label of the table in use', () => {
    const reward = defaultRunConfig().reward;
    expect(calibrationInfo(reward, false, 0)).toEqual({ source: 'none', name: '', mode: 'none', pairs: 0 });
    const r = rewardWithUpload(reward, { name: 'my.csv', text: CSV });
    expect(r).toMatchObject({ calibration: 'mean_shift', calibration_table: 'my.csv', gate: reward.gate });
    expect(calibrationInfo(r, true, 2)).toEqual({ source: 'file', name: 'my.csv', mode: 'mean_shift', pairs: 2 });
    expect(rewardWithUpload(reward, null)).toBe(reward);
  });
});
