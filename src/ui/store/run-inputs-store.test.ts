import { describe, expect, it } from 'vitest';
import { calibrationLabel, checkpointFailureText } from './run-inputs-store';

describe('run inputs: what the user is told', () => {
  it('a refused checkpoint names the file once, the reason, and that nothing changed', () => {
    expect(checkpointFailureText('x.safetensors', 'x.safetensors: truncated header')).toBe(
      'Could not open the checkpoint. x.safetensors: truncated header\nThe current run, its weights and its charts are unchanged.');
    expect(checkpointFailureText('x.bin', 'out of memory')).toMatch(/^Could not open the checkpoint\. x\.bin: out of memory\n/);
    expect(checkpointFailureText('config.json + model.safetensors', './config.json: not valid JSON')).toMatch(/checkpoint\. \.\/config\.json: not valid JSON/);
  });

  it('labels the calibration in use', () => {
    expect(calibrationLabel(null)).toBe('–');
    expect(calibrationLabel({ source: 'none', name: '', mode: 'none', pairs: 0 })).toMatch(/^none/);
    expect(calibrationLabel({ source: 'file', name: 'my.csv', mode: 'mean_shift', pairs: 1 })).toBe('my.csv (mean shift, 1 language pair, opened file)');
    expect(calibrationLabel({ source: 'config', name: 'data/q.json', mode: 'quantile', pairs: 3 })).toBe('data/q.json (quantile CDF, 3 language pairs, reward.calibration_table)');
  });
});
