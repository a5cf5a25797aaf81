// The Evaluate view's "generate predictions with the current model" run: its options, whether it
// runs, its progress and its last message. The generated predictions themselves are a prediction
// source in the eval store (eval-store.ts: generated / predictionSource).
import { create } from 'zustand';

export type Decoding = 'greedy' | 'run';

export interface GenerateStoreState {
  maxNewTokens: number;
  decoding: Decoding;
  running: boolean;
  progress: { done: number; total: number } | null;
  message: { level: 'info' | 'warn' | 'error'; text: string } | null;
  setOptions(p: Partial<Pick<GenerateStoreState, 'maxNewTokens' | 'decoding'>>): void;
  setRunning(running: boolean): void;
  setProgress(progress: GenerateStoreState['progress']): void;
  setMessage(message: GenerateStoreState['message']): void;
}

export const useGenerateStore = create<GenerateStoreState>()((set) => ({
  maxNewTokens: 64,
  decoding: 'greedy',
  running: false,
  progress: null,
  message: null,
  setOptions: (p) => set(p),
  setRunning: (running) => set({ running }),
  setProgress: (progress) => set({ progress }),
  setMessage: (message) => set({ message }),
}));
