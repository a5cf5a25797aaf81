// The runner's state changes only through its named transitions: the histories are bounded (the
// oldest dropped), the opened inputs are replaced together and handed out as copies, a recovery
// stops the loop. Reports authored here (only their step matters).
import { describe, expect, it } from 'vitest';
import { RunnerState } from './runner-context';
import type { StepReport } from './protocol';
import type { SftProgress } from '../../lrpo/sft-loop';

const report = (step: number) => ({ step }) as StepReport;
const sft = (step: number) => ({ step }) as SftProgress;

describe('RunnerState', () => {
  it('keeps the last 2000 step reports and SFT points; a restore replaces them with copies', () => {
    const st = new RunnerState();
    for (let i = 1; i <= 2005; i++) {
      st.recordStep(report(i));
      st.recordSft(sft(i));
    }
    expect(st.history).toHaveLength(2000);
    expect([st.history[0].step, st.history[1999].step]).toEqual([6, 2005]);
    expect([st.sftHistory[0].step, st.sftHistory[1999].step]).toEqual([6, 2005]);
    const saved = [report(1), report(2)];
    st.restoredHistory(saved, []);
    saved.push(report(3));
    expect(st.history.map((r) => r.step)).toEqual([1, 2]);
    expect(st.sftHistory).toEqual([]);
  });

  it('opened inputs: one at a time or all at once; `inputs` is a copy', () => {
    const st = new RunnerState();
    const calibration = { name: 't.csv', text: 'x' };
    st.usesCalibration(calibration);
    const before = st.inputs;
    st.openedCheckpoint({ name: 'c', ckpt: {} as never });
    expect(before).toEqual({ checkpoint: null, calibration, embedding: null });
    expect(st.checkpoint?.name).toBe('c');
    st.useInputs(before);
    expect([st.checkpoint, st.calibration, st.embedding]).toEqual([null, calibration, null]);
  });

  it('a recovery stops the loop and drops the lost session until it ends', () => {
    const st = new RunnerState();
    st.loopStarted();
    st.recoveryStarted();
    expect([st.running, st.recovering]).toEqual([false, true]);
    st.sessionLost();
    expect(st.session).toBeNull();
    st.recoveryEnded();
    expect(st.recovering).toBe(false);
  });
});
