import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../lrpo/config';
import { browserLimits } from './browser-limits';

const ORIGIN = 'http://127.0.0.1:5173';
const none = { checkpoint: false, calibration: false, embedding: false };

describe('browserLimits', () => {
  it('the defaults (files beside the studio) are fine', () => {
    expect(browserLimits(defaultRunConfig(), ORIGIN, none, false)).toEqual({ refusals: [], notes: [] });
  });

  it('refuses disk paths and other servers with the field named; opened files and same-origin URLs pass', () => {
    const c = defaultRunConfig();
    c.data.train_files = 'data/demo.parquet,C:\\data\\x.parquet';
    c.trainer.test_freq = 5;
    c.data.val_files = 'file:///home/me/val.parquet';
    c.model.checkpoint = 'https://example.org/ckpt';
    c.reward.calibration = 'quantile';
    c.reward.calibration_table = `${ORIGIN}/tables/q.json`;
    const r = browserLimits(c, ORIGIN, none, false);
    expect(r.refusals.map((p) => p.field)).toEqual(['data.train_files', 'data.val_files', 'model.checkpoint']);
    expect(r.refusals[0].reason).toMatch(/path on your disk/);
    expect(r.refusals[2].reason).toMatch(/another server/);
    // the Data view's dataset replaces data.train_files; an opened checkpoint replaces model.checkpoint
    expect(browserLimits(c, ORIGIN, { ...none, checkpoint: true }, true).refusals.map((p) => p.field)).toEqual(['data.val_files']);
    // val_files is read only when validation runs
    c.trainer.test_freq = 0;
    expect(browserLimits(c, ORIGIN, { ...none, checkpoint: true }, true).refusals).toEqual([]);
  });

  it('says what it does with lang_policy_log_path', () => {
    const c = defaultRunConfig();
    c.router.lang_policy_log_path = 'logs/router.jsonl';
    expect(browserLimits(c, ORIGIN, none, false).notes[0]).toMatch(/export it from the Router view/);
  });
});
