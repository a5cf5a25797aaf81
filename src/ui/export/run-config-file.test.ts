import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../lrpo/config';
import { resolveRunConfig } from '../../lrpo/config-check';
import { PRESETS } from '../store/presets';
import { runConfigFile } from './run-config-file';

describe('RUN.json export', () => {
  it('writes every option and reads back (as the CLI reads it) to the same config', () => {
    for (const p of PRESETS) {
      const cfg = p.build();
      const { text, notes } = runConfigFile(cfg, { checkpoint: null, calibration: null });
      expect(notes).toEqual([]);
      expect(resolveRunConfig(JSON.parse(text), 'RUN.json')).toEqual({ config: cfg, problems: [] });
    }
  });

  it('names the files opened in the studio in place of the configured ones', () => {
    const cfg = defaultRunConfig();
    const { text, notes } = runConfigFile(cfg, {
      checkpoint: 'ckpt.safetensors',
      calibration: { source: 'file', name: 'pairs.csv', mode: 'mean_shift', pairs: 3 },
    });
    const back = resolveRunConfig(JSON.parse(text), 'RUN.json').config!;
    expect(back.model.checkpoint).toBe('ckpt.safetensors');
    expect(back.reward).toMatchObject({ calibration: 'mean_shift', calibration_table: 'pairs.csv' });
    expect(notes).toHaveLength(2);
    expect(cfg.model.checkpoint).toBe('models/demo-sft'); // the page's config is not changed
    const folder = runConfigFile(cfg, { checkpoint: 'config.json + model.safetensors', calibration: { source: 'config', name: 'x.csv', mode: 'mean_shift', pairs: 1 } });
    expect(JSON.parse(folder.text).model.checkpoint).toBe('models/demo-sft');
    expect(folder.notes[0]).toMatch(/set model\.checkpoint to that folder/);
  });
});
