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

  it('names an embedding model opened as files; a configured one is left as configured', () => {
    const cfg = defaultRunConfig();
    const embedding = { model: 'e5.onnx', tokenizer: 'tokenizer.json', modelBytes: 10, inputNames: ['input_ids'], outputName: 'last_hidden_state', dim: 384 };
    const { text, notes } = runConfigFile(cfg, { checkpoint: null, calibration: null, similarity: { backend: 'embedding', embedding: { source: 'file', ...embedding } } });
    expect(resolveRunConfig(JSON.parse(text), 'RUN.json').config!.reward).toMatchObject({ similarity: 'embedding', embedding_model_url: 'e5.onnx', embedding_tokenizer_url: 'tokenizer.json' });
    expect(notes).toEqual([expect.stringMatching(/name e5\.onnx and tokenizer\.json, the embedding model opened in the studio/)]);
    expect(cfg.reward.similarity).toBe('match');
    const configured = runConfigFile(cfg, { checkpoint: null, calibration: null, similarity: { backend: 'embedding', embedding: { source: 'config', ...embedding } } });
    expect(configured.notes).toEqual([]);
    expect(JSON.parse(configured.text).reward.similarity).toBe('match');
  });
});
