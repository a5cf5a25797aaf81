// The page's side of the training worker: starts it once, sends typed commands, and applies its
// messages to the stores in batches, once per animation frame, so a fast run never floods React.
// With `?test=1` in the URL it also exposes window.__lrpoTest (fault and device-loss drills).

import { useRunStore } from '../store/run-store';
import { useRouterStore } from '../store/router-store';
import { useSettingsStore } from '../store/settings-store';
import { pageExamples } from './page-examples';
import { downloadFile } from '../export/download';
import type { Example } from '../../data/example';
import type { ExportKind, FromWorker, RouterFrame, StepReport, ToWorker } from './protocol';

let worker: Worker | null = null;
let pending: FromWorker[] = [];
let scheduled = false;

function examples(): Example[] {
  return pageExamples();
}

function framesOf(reports: readonly StepReport[]): RouterFrame[] {
  return reports.flatMap((r) => (r.router ? [r.router] : []));
}

/** Applies a batch of worker messages to the stores (exported for the unit test). */
export function applyMessages(msgs: readonly FromWorker[]): void {
  const run = useRunStore.getState();
  const router = useRouterStore.getState();
  let reports: StepReport[] = [];
  const flushReports = () => {
    if (!reports.length) return;
    run.applyReports(reports);
    router.addLiveFrames(framesOf(reports));
    reports = [];
  };
  for (const m of msgs) {
    if (m.type === 'reports') {
      reports.push(...m.reports);
      continue;
    }
    flushReports();
    switch (m.type) {
      case 'status':
        run.setStatus(m.state, m.step, m.message);
        break;
      case 'device':
        run.setDevice(m.device);
        break;
      case 'fault':
        run.addFault(m.step, m.message);
        break;
      case 'paused':
        run.setBanner(m.reason === 'paused by the user' ? null : { level: 'warn', text: `Paused: ${m.reason}` });
        run.addLog('info', `paused: ${m.reason}`);
        break;
      case 'saved':
        run.setSaved(m.step, m.generation);
        break;
      case 'savedRun':
        run.setResumable({ step: m.step, savedAt: m.savedAt });
        break;
      case 'resumed':
        run.replaceHistory(m.history);
        router.replaceLive(framesOf(m.history));
        run.setResumable(null);
        run.setBanner({ level: 'info', text: `Resumed from the save at step ${m.step}.` });
        break;
      case 'deviceLost':
        run.setBanner({ level: 'error', text: `The GPU device was lost (${m.message}). Recreating it and reloading the last save…` });
        run.addLog('error', `device lost: ${m.message}`);
        break;
      case 'recovered': {
        run.setBanner({ level: 'info', text: `Recovered from the device loss: continuing from step ${m.step} (the last save).` });
        // the history after the save was undone: drop it from the charts too
        useRunStore.setState((s) => ({ history: s.history.filter((p) => p.step <= m.step), step: m.step }));
        useRouterStore.setState((s) => ({ live: s.live.filter((f) => f.step <= m.step) }));
        break;
      }
      case 'exported':
        downloadFile(m.filename, m.bytes, m.kind === 'router_state' ? 'application/json' : 'application/octet-stream');
        break;
      case 'error':
        run.setBanner({ level: 'error', text: m.message });
        run.addLog('error', m.message);
        break;
    }
  }
  flushReports();
}

function flush(): void {
  scheduled = false;
  const batch = pending;
  pending = [];
  applyMessages(batch);
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'lrpo-train' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    pending.push(e.data);
    if (!scheduled) {
      scheduled = true;
      // hidden tabs do not run animation frames; a timer keeps the stores current there
      if (typeof document !== 'undefined' && document.visibilityState === 'visible') requestAnimationFrame(flush);
      else setTimeout(flush, 100);
    }
  };
  worker.onerror = (e) => {
    useRunStore.getState().setBanner({ level: 'error', text: `The training worker failed: ${e.message}` });
  };
  installTestHook();
  return worker;
}

function send(m: ToWorker, transfer: Transferable[] = []): void {
  getWorker().postMessage(m, transfer);
}

let initialized = false;
/** Starts the worker and builds a run from the current configuration (once per page). */
export function initRun(): void {
  if (initialized) return;
  initialized = true;
  useRunStore.getState().setStatus('loading', 0);
  send({ type: 'init', config: useSettingsStore.getState().config, examples: examples() });
}

export const startRun = () => send({ type: 'start' });
export const pauseRun = () => send({ type: 'pause' });
export const stepRun = () => send({ type: 'step' });
export const saveRun = () => send({ type: 'save' });
export const resumeRun = () => send({ type: 'resume' });
export const requestExport = (kind: ExportKind) => send({ type: 'export', kind });
export function resetRun(): void {
  useRunStore.getState().clearRun();
  useRunStore.getState().setBanner(null);
  useRouterStore.getState().replaceLive([]);
  send({ type: 'reset', config: useSettingsStore.getState().config, examples: examples() });
}
export function openCheckpointFile(name: string, bytes: Uint8Array): void {
  send({ type: 'openCheckpoint', name, bytes }, [bytes.buffer as ArrayBuffer]);
}

function installTestHook(): void {
  if (typeof window === 'undefined' || new URLSearchParams(window.location.search).get('test') !== '1') return;
  (window as unknown as { __lrpoTest: unknown }).__lrpoTest = {
    injectFault: (kind: 'nan-grad' = 'nan-grad') => send({ type: 'injectFault', kind }),
    loseDevice: () => send({ type: 'loseDevice' }),
    routerState: () => useRouterStore.getState().live.at(-1) ?? null,
    run: () => {
      const s = useRunStore.getState();
      return { state: s.state, step: s.step, points: s.history.length, faults: s.faults.length, device: s.device };
    },
  };
}
