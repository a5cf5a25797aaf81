// The `drills` test hook (?test=drills, see index.ts): window.__lrpoTest.drills injects a NaN
// gradient or loses the GPU device in the training worker, and reads the live run and router.
import { injectFaultDrill, loseDeviceDrill } from '../worker/client';
import { useRouterStore } from '../store/router-store';
import { useRunStore } from '../store/run-store';
import { hookSlot } from './index';

function drills() {
  return {
    injectFault: (kind: 'nan-grad' = 'nan-grad') => injectFaultDrill(kind),
    loseDevice: () => loseDeviceDrill(),
    routerState: () => useRouterStore.getState().live.at(-1) ?? null,
    run: () => {
      const s = useRunStore.getState();
      return { state: s.state, step: s.step, points: s.history.length, faults: s.faults.length, device: s.device };
    },
  };
}

export type Drills = ReturnType<typeof drills>;

export function installDrills(): void {
  hookSlot().drills = drills();
}
