// The one-step probe's estimate (the Train view's "Estimate step time"): in flight, its result, or
// why it failed. Filled from the worker's stepProbe / stepProbeFailed messages.

import { create } from 'zustand';
import type { StepProbe } from '../worker/step-probe';

interface ProbeState {
  probing: boolean;
  result: StepProbe | null;
  error: string | null;
  begin(): void;
  done(result: StepProbe): void;
  failed(message: string): void;
  clear(): void;
}

export const useProbeStore = create<ProbeState>((set) => ({
  probing: false,
  result: null,
  error: null,
  begin: () => set({ probing: true, error: null }),
  done: (result) => set({ probing: false, result, error: null }),
  failed: (error) => set({ probing: false, error }),
  clear: () => set({ probing: false, result: null, error: null }),
}));
