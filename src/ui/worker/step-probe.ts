// The seconds-per-step estimate before Start: one unit of the current run (an LRPO step with its
// rollouts, rewards and update; an SFT update while the warm-start SFT runs) is run and timed, then
// the run's whole saved state (weights or adapter, AdamW moments, the frozen reference, the trainer's
// step, RNG streams, batch order and router) is put back exactly as it was (Run.capture/restore
// through the save's own encoding), so the run's numbers are the ones it would have had without the
// probe. Nothing is posted as a step, nothing is saved.

import type { Run } from '../../lrpo/run/run';
import { decodeRunSave, encodeRunSave } from '../../lrpo/run/save';
import type { FromWorker } from './protocol';
import type { RunnerOps, RunnerState } from './runner-context';
import { requireSession } from './runner-context';

export interface StepProbe {
  /** what was timed: an LRPO step, or one SFT update while the warm-start SFT runs */
  unit: 'lrpo' | 'sft';
  /** wall seconds of the timed unit */
  seconds: number;
  /** verl's timing of the LRPO step's parts (timing_s/gen, timing_s/reward, timing_s/adv, timing_s/update_actor) */
  split: Record<string, number>;
  /** the run's step, before and after the probe */
  step: number;
}

/** Runs one unit of the run, timed, and restores the run's state to what it was before. */
export async function probeRunStep(run: Run, now: () => number = () => performance.now()): Promise<StepProbe> {
  if (run.finished) throw new Error('the run has done all its steps: nothing to time (raise trainer.total_training_steps or Reset)');
  const unit = run.phase;
  const step = run.step;
  // through the save's encoding: the copy shares no memory with the live model or trainer
  const saved = decodeRunSave(encodeRunSave(await run.capture()), 'step probe');
  const t0 = now();
  let seconds = 0;
  const split: Record<string, number> = {};
  try {
    const events = await run.next();
    seconds = (now() - t0) / 1000;
    for (const e of events) {
      if (e.type !== 'step') continue;
      for (const k of ['timing_s/gen', 'timing_s/reward', 'timing_s/adv', 'timing_s/update_actor']) {
        const v = e.report.metrics[k];
        if (Number.isFinite(v)) split[k] = v;
      }
    }
  } finally {
    try {
      await run.restore(saved);
    } catch (e) {
      throw new Error(`the run's state could not be put back after the timed step (${(e as Error).message}): press Reset before training`);
    }
  }
  return { unit, seconds, split, step };
}

/** The worker's side: refused while the run trains; the page gets `stepProbe` or `stepProbeFailed`. */
export async function probeStepMessage(st: RunnerState, ops: RunnerOps, post: (m: FromWorker) => void): Promise<void> {
  if (st.running) return post({ type: 'stepProbeFailed', message: 'the run is training: pause it to estimate the step time' });
  const s = requireSession(st);
  const before = st.state;
  ops.status('running', 'estimating the step time: one step on a copy of the run\'s state');
  try {
    const probe = await probeRunStep(s.run);
    post({ type: 'stepProbe', ...probe });
  } catch (e) {
    post({ type: 'stepProbeFailed', message: (e as Error).message });
  } finally {
    ops.status(before === 'running' ? 'paused' : before);
  }
}
