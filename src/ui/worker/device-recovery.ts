// Device loss for the training runner: when a session's GPU device is lost (driver reset,
// device.destroy()), the page is told, the loop stops, the session is dropped, a new one is built
// on a new device and the last save is reloaded (or, without a save, the run starts over), and a
// run that was training carries on.

import type { RunSession } from './run-session';
import { runStep, type RunnerOps, type RunnerState } from './runner-context';

/** how long a failed step waits for the device-lost signal before it counts as an ordinary error */
const LOST_GRACE_MS = 1000;

/** True when session s lost its device (waiting briefly: the signal can trail the failed call). */
export async function deviceWasLost(st: RunnerState, s: RunSession): Promise<boolean> {
  if (st.recovering || st.session !== s) return true;
  return Promise.race([s.lost.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), LOST_GRACE_MS))]);
}

export interface RecoveryHooks {
  /** whether a save exists to reload */
  hasSave(): Promise<boolean>;
  /** reloads the last save into a new session */
  resume(): Promise<void>;
}

/** Recovers from the loss of session s's device, if s is still the runner's session when it happens. */
export function watchDevice(st: RunnerState, ops: RunnerOps, hooks: RecoveryHooks, s: RunSession): void {
  void s.lost.then(async (message) => {
    if (st.session !== s) return; // an old session disposed on purpose
    const wasRunning = st.running;
    st.recoveryStarted();
    ops.post({ type: 'deviceLost', message });
    ops.status('recovering', `GPU device lost (${message}); recreating it and reloading the last save`);
    try {
      await ops.stopLoop().catch(() => {}); // the step in flight fails with the device; that is expected
      s.dispose();
      st.sessionLost();
      if (await hooks.hasSave()) await hooks.resume();
      else await ops.build(st.config!);
      ops.post({ type: 'recovered', step: runStep(st) });
      st.recoveryEnded();
      if (wasRunning) ops.start();
      else ops.status('paused');
    } catch (e) {
      st.recoveryEnded();
      ops.status('error', `recovery after device loss failed: ${(e as Error).message}`);
      ops.post({ type: 'error', message: (e as Error).message });
    }
  });
}
