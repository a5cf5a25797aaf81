import { describe, expect, it } from 'vitest';
import { applyMessages } from './client';
import { useRunStore } from '../store/run-store';
import { useRouterStore } from '../store/router-store';
import { useRunInputsStore } from '../store/run-inputs-store';
import type { StepReport } from './protocol';

const report = (step: number): StepReport => ({
  step,
  metrics: { 'critic/score/mean': step / 10 },
  router: { step, probs: { 'topic:A': { softmax: { en: 1 }, effective: { en: 1 } } } },
  rollouts: [],
  advantages: [0.5, -0.5],
  skipped: false,
  timeMs: 1,
});

describe('applyMessages (worker messages -> stores)', () => {
  it('appends reports to the history and the router timeline, in order', () => {
    applyMessages([{ type: 'reports', reports: [report(1)] }, { type: 'status', state: 'running', step: 1 }, { type: 'reports', reports: [report(2), report(3)] }]);
    expect(useRunStore.getState().history.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(useRunStore.getState().history[2]['critic/score/mean']).toBeCloseTo(0.3);
    expect(useRouterStore.getState().live.map((f) => f.step)).toEqual([1, 2, 3]);
    expect(useRunStore.getState().advantages).toEqual([0.5, -0.5]);
  });

  it('after a device-loss recovery drops the steps after the reloaded save', () => {
    applyMessages([{ type: 'deviceLost', message: 'destroyed' }, { type: 'recovered', step: 2 }]);
    expect(useRunStore.getState().history.map((p) => p.step)).toEqual([1, 2]);
    expect(useRouterStore.getState().live.map((f) => f.step)).toEqual([1, 2]);
    expect(useRunStore.getState().banner?.text).toMatch(/continuing from step 2/);
  });

  it('records faults, saves, the resume offer and a resume with its history', () => {
    applyMessages([
      { type: 'fault', step: 3, message: 'update skipped (weights kept): NaN', consecutive: 1 },
      { type: 'saved', step: 2, generation: 5 },
      { type: 'savedRun', step: 2, savedAt: 1 },
    ]);
    const s = useRunStore.getState();
    expect(s.faults).toEqual([{ step: 3, message: 'update skipped (weights kept): NaN' }]);
    expect(s.lastSave).toEqual({ step: 2, generation: 5 });
    expect(s.resumable).toEqual({ step: 2, savedAt: 1 });
    applyMessages([{ type: 'resumed', step: 1, history: [report(1)], sft: [{ step: 1, total: 2, loss: 3, gradNorm: 1, lr: 0.001, tokens: 9, skipped: false }], checkpoint: null }]);
    expect(useRunStore.getState().sft).toEqual([{ step: 1, 'sft/loss': 3, 'sft/lr': 0.001, 'sft/grad_norm': 1, 'sft/skipped': 0 }]);
    expect(useRunStore.getState().resumable).toBeNull();
    expect(useRunStore.getState().history.map((p) => p.step)).toEqual([1]);
    expect(useRouterStore.getState().live.map((f) => f.step)).toEqual([1]);
  });

  it('a refused checkpoint keeps the run, its charts and the checkpoint shown; a confirmed one replaces them', () => {
    applyMessages([{ type: 'checkpointOpened', name: 'a.safetensors', step: 0 }, { type: 'reports', reports: [report(1), report(2)] }]);
    expect(useRunInputsStore.getState().checkpoint).toBe('a.safetensors');
    useRunInputsStore.getState().beginCheckpoint('bad.safetensors');
    applyMessages([{ type: 'checkpointFailed', name: 'bad.safetensors', reason: 'bad.safetensors: truncated' }]);
    expect(useRunStore.getState().history.map((p) => p.step)).toEqual([1, 2]);
    expect(useRouterStore.getState().live.map((f) => f.step)).toEqual([1, 2]);
    const inputs = useRunInputsStore.getState();
    expect(inputs.checkpoint).toBe('a.safetensors');
    expect(inputs.checkpointOpening).toBeNull();
    expect(inputs.checkpointError).toEqual({ name: 'bad.safetensors', reason: 'bad.safetensors: truncated' });
    applyMessages([{ type: 'savedRun', step: 2, savedAt: 1 }, { type: 'checkpointOpened', name: 'b.safetensors', step: 0 }]);
    expect(useRunStore.getState().history).toEqual([]);
    expect(useRunStore.getState().resumable).toBeNull();
    expect(useRouterStore.getState().live).toEqual([]);
    expect(useRunInputsStore.getState().checkpoint).toBe('b.safetensors');
  });

  it('a reset drops the old charts only when the worker confirms it', () => {
    applyMessages([{ type: 'reports', reports: [report(1)] }, { type: 'error', message: 'reset failed' }]);
    expect(useRunStore.getState().history.length).toBe(1);
    applyMessages([{ type: 'runCleared', step: 0 }]);
    expect(useRunStore.getState().history).toEqual([]);
  });

  it('a refused calibration table keeps the table in use', () => {
    const info = { source: 'file' as const, name: 'good.csv', mode: 'mean_shift' as const, pairs: 2 };
    applyMessages([{ type: 'calibration', info, problems: [{ file: 'good.csv', line: 4, field: 'count', reason: 'x' }] }]);
    applyMessages([{ type: 'calibrationFailed', name: 'bad.csv', problems: [{ file: 'bad.csv', line: 2, field: 'lang_a', reason: 'y' }] }]);
    const s = useRunInputsStore.getState();
    expect(s.calibration).toEqual(info);
    expect(s.calibrationProblems).toHaveLength(1);
    expect(s.calibrationRefused).toMatchObject({ name: 'bad.csv' });
  });
});
