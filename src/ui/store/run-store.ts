// The live run as the page sees it: state, device, the bounded history of step metrics, the latest
// rollouts and advantages, numeric faults and a short log. Filled only from worker messages.

import { create } from 'zustand';
import type { DeviceInfo, RolloutRow, RunState, StepReport } from '../worker/protocol';
import type { MetricsRow } from '../views/router/replay/metrics-jsonl-reader';
import type { Problem } from '../../data/example';
import type { SftProgress } from '../../lrpo/sft-loop';
import { appendBounded } from './bounded-history';

const HISTORY_CAP = 5000;
const LOG_CAP = 200;

export interface MetricPoint extends Record<string, number> {
  step: number;
}

export interface RunStoreState {
  state: RunState;
  step: number;
  device: DeviceInfo | null;
  history: MetricPoint[];
  /** the warm-start SFT's updates (sft.steps > 0): step, sft/loss, sft/lr, sft/grad_norm */
  sft: MetricPoint[];
  rollouts: RolloutRow[];
  advantages: number[];
  /** wall seconds of the last LRPO step (the Start controls' step-time estimate); null before one */
  stepSeconds: number | null;
  faults: { step: number; message: string }[];
  log: { time: number; level: 'info' | 'warn' | 'error'; text: string }[];
  /** a saved run found in browser storage at start-up */
  resumable: { step: number; savedAt: number } | null;
  lastSave: { step: number; generation: number } | null;
  banner: { level: 'info' | 'warn' | 'error'; text: string } | null;
  /** a metrics.jsonl opened from disk, shown instead of the live run when selected */
  metricsFile: { file: string; rows: MetricsRow[]; problems: Problem[] } | null;
  showFile: boolean;
  applyReports(reports: readonly StepReport[]): void;
  replaceHistory(reports: readonly StepReport[]): void;
  applySft(progress: readonly SftProgress[], replace?: boolean): void;
  setStatus(state: RunState, step: number, message?: string): void;
  setDevice(d: DeviceInfo): void;
  addFault(step: number, message: string): void;
  addLog(level: 'info' | 'warn' | 'error', text: string): void;
  setBanner(b: RunStoreState['banner']): void;
  setResumable(r: RunStoreState['resumable']): void;
  setSaved(step: number, generation: number): void;
  openMetricsFile(f: NonNullable<RunStoreState['metricsFile']>): void;
  setShowFile(v: boolean): void;
  clearRun(): void;
}

function toPoint(r: StepReport): MetricPoint {
  return { ...r.metrics, step: r.step, skipped: r.skipped ? 1 : 0 } as MetricPoint;
}

function sftPoint(p: SftProgress): MetricPoint {
  return { step: p.step, 'sft/loss': p.loss, 'sft/lr': p.lr, 'sft/grad_norm': p.gradNorm, 'sft/skipped': p.skipped ? 1 : 0 } as MetricPoint;
}

export const useRunStore = create<RunStoreState>((set, get) => ({
  state: 'idle',
  step: 0,
  device: null,
  history: [],
  sft: [],
  rollouts: [],
  advantages: [],
  stepSeconds: null,
  faults: [],
  log: [],
  resumable: null,
  lastSave: null,
  banner: null,
  metricsFile: null,
  showFile: false,
  applyReports(reports) {
    if (!reports.length) return;
    const last = reports[reports.length - 1];
    set({
      history: appendBounded(get().history, reports.map(toPoint), HISTORY_CAP),
      rollouts: last.rollouts,
      advantages: last.advantages,
      stepSeconds: last.timeMs > 0 ? last.timeMs / 1000 : get().stepSeconds,
      step: Math.max(get().step, last.step),
    });
  },
  replaceHistory(reports) {
    const last = reports[reports.length - 1];
    set({
      history: reports.map(toPoint).slice(-HISTORY_CAP),
      rollouts: last?.rollouts ?? [],
      advantages: last?.advantages ?? [],
      step: last?.step ?? 0,
    });
  },
  applySft(progress, replace = false) {
    set({ sft: appendBounded(replace ? [] : get().sft, progress.map(sftPoint), HISTORY_CAP) });
  },
  setStatus(state, step, message) {
    set({ state, step });
    if (message) get().addLog(state === 'error' ? 'error' : 'info', message);
  },
  setDevice(device) {
    set({ device });
  },
  addFault(step, message) {
    set({ faults: appendBounded(get().faults, [{ step, message }], LOG_CAP) });
    get().addLog('warn', `step ${step}: ${message}`);
  },
  addLog(level, text) {
    set({ log: appendBounded(get().log, [{ time: Date.now(), level, text }], LOG_CAP) });
  },
  setBanner(banner) {
    set({ banner });
  },
  setResumable(resumable) {
    set({ resumable });
  },
  setSaved(step, generation) {
    set({ lastSave: { step, generation } });
  },
  openMetricsFile(metricsFile) {
    set({ metricsFile, showFile: true });
  },
  setShowFile(showFile) {
    set({ showFile });
  },
  clearRun() {
    set({ history: [], sft: [], rollouts: [], advantages: [], stepSeconds: null, faults: [], step: 0, lastSave: null });
  },
}));
