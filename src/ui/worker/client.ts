// The page's side of the training worker: starts it once, sends typed commands, and applies its
// messages to the stores in batches, once per animation frame, so a fast run never floods React.

import { useRunStore } from '../store/run-store';
import { useRouterStore } from '../store/router-store';
import { useSettingsStore } from '../store/settings-store';
import { useRunInputsStore } from '../store/run-inputs-store';
import { useTeachStore } from '../store/teach-store';
import { useEmbeddingStore } from '../store/embedding-store';
import { useProbeStore } from '../store/probe-store';
import { addEmbeddingFiles, embeddingFileKind, similarityLabel } from './embedding-pick';
import { uploadLabel, type UploadFile } from './checkpoint-upload';
import { pageExamples } from './page-examples';
import { downloadFile } from '../export/download';
import type { Example } from '../../data/example';
import type { ExportKind, FromWorker, GenerateRequest, GenerateResult, RouterFrame, StepReport, ToWorker } from './protocol';

let worker: Worker | null = null;
let pending: FromWorker[] = [];
let scheduled = false;

type GenerateReply = Extract<FromWorker, { type: 'generateProgress' | 'generated' | 'generateFailed' }>;
const isGenerateReply = (m: FromWorker): m is GenerateReply => m.type === 'generateProgress' || m.type === 'generated' || m.type === 'generateFailed';
/** the Evaluate view's generation requests in flight, by id */
const generations = new Map<number, { onReply: (m: GenerateReply) => void; fail: (e: Error) => void }>();
let nextGenerationId = 1;

function examples(): Example[] {
  return pageExamples();
}

function framesOf(reports: readonly StepReport[]): RouterFrame[] {
  return reports.flatMap((r) => (r.router ? [r.router] : []));
}

/** The page's view of a run that was replaced (after the worker confirmed the new one exists). */
function dropOldRun(): void {
  useRunStore.getState().clearRun();
  useRunStore.getState().setResumable(null); // the old run's save was deleted with it
  useRouterStore.getState().replaceLive([]);
  useTeachStore.getState().clearLive();
  useProbeStore.getState().clear();
}

/** Applies a batch of worker messages to the stores (exported for the unit test). */
export function applyMessages(msgs: readonly FromWorker[]): void {
  const run = useRunStore.getState();
  const router = useRouterStore.getState();
  const inputs = useRunInputsStore.getState();
  let reports: StepReport[] = [];
  const flushReports = () => {
    if (!reports.length) return;
    run.applyReports(reports);
    router.addLiveFrames(framesOf(reports));
    useTeachStore.getState().addLive(reports, useSettingsStore.getState().config.router.languages);
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
      case 'sft':
        run.applySft(m.progress);
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
        run.addLog('info', `saved at step ${m.step} (generation ${m.generation})`);
        break;
      case 'runCleared':
        dropOldRun();
        break;
      case 'checkpointOpened':
        dropOldRun();
        inputs.checkpointOpened(m.name);
        run.setBanner({ level: 'info', text: `Started from the checkpoint ${m.name} (step ${m.step}).` });
        run.addLog('info', `checkpoint ${m.name} opened: the run starts from it at step ${m.step}`);
        break;
      case 'checkpointFailed':
        inputs.checkpointFailed(m.name, m.reason);
        run.addLog('error', `checkpoint ${m.name} refused: ${m.reason}`);
        break;
      case 'checkpointCleared':
        inputs.checkpointCleared();
        run.addLog('info', 'the opened checkpoint is forgotten: the next Reset starts from model.checkpoint');
        break;
      case 'calibration':
        inputs.calibrationInUse(m.info, m.problems);
        if (m.info.source === 'file' || m.problems.length) {
          run.addLog(m.problems.length ? 'warn' : 'info', `calibration table in use: ${m.info.name} (${m.info.pairs} pairs${m.problems.length ? `, ${m.problems.length} rows skipped` : ''})`);
        }
        break;
      case 'calibrationFailed':
        inputs.calibrationFailed(m.name, m.problems);
        run.addLog('error', `calibration table ${m.name} refused: no usable row (${m.problems.length} problems)`);
        break;
      case 'similarity': {
        const before = useEmbeddingStore.getState().inUse;
        useEmbeddingStore.getState().similarityInUse(m.inUse);
        if (m.inUse.backend === 'embedding' || before?.backend === 'embedding') run.addLog('info', `similarity in use: ${similarityLabel(m.inUse)}`);
        break;
      }
      case 'embeddingFailed':
        useEmbeddingStore.getState().pairRefused(m.problem, m.blame);
        run.addLog('error', `embedding model refused: ${m.problem.file ?? m.problem.field}: ${m.problem.reason}`);
        break;
      case 'savedRun':
        run.setResumable({ step: m.step, savedAt: m.savedAt });
        break;
      case 'resumed':
        inputs.resumedFrom(m.checkpoint);
        run.replaceHistory(m.history);
        run.applySft(m.sft ?? [], true);
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
        run.addLog('info', `recovered: continuing from the save at step ${m.step}`);
        // the history after the save was undone: drop it from the charts too
        useRunStore.setState((s) => ({ history: s.history.filter((p) => p.step <= m.step), step: m.step }));
        useRouterStore.setState((s) => ({ live: s.live.filter((f) => f.step <= m.step) }));
        break;
      }
      case 'exported':
        downloadFile(m.filename, m.bytes, m.kind === 'router_state' ? 'application/json' : m.filename.endsWith('.zip') ? 'application/zip' : 'application/octet-stream');
        break;
      case 'stepProbe':
        useProbeStore.getState().done({ unit: m.unit, seconds: m.seconds, split: m.split, step: m.step });
        run.addLog('info', `step time estimate: one ${m.unit === 'sft' ? 'SFT update' : 'LRPO step'} took ${m.seconds.toFixed(2)} s (the run's state was put back)`);
        break;
      case 'stepProbeFailed':
        useProbeStore.getState().failed(m.message);
        run.addLog('error', `step time estimate failed: ${m.message}`);
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
    // generation replies go straight to their requester (they are few: one per batch)
    if (isGenerateReply(e.data)) return void generations.get(e.data.id)?.onReply(e.data);
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
    for (const g of generations.values()) g.fail(new Error(`the training worker failed: ${e.message}`));
  };
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
/** Times one step of the run on a copy of its state (the run is unchanged): the estimate before Start. */
export function probeStepTime(): void {
  useProbeStore.getState().begin();
  send({ type: 'probeStep' });
}
export const requestExport = (kind: ExportKind) => send({ type: 'export', kind });
/** Rebuilds the run; the page drops the old run's charts only once the worker has built the new one. */
export function resetRun(): void {
  useRunStore.getState().setBanner(null);
  // the run is being rebuilt: say so at once, so nothing (a user, a test waiting for 'ready', a fault
  // drill) acts on the old run before the worker reports the new one ready
  useRunStore.getState().setStatus('loading', useRunStore.getState().step);
  send({ type: 'reset', config: useSettingsStore.getState().config, examples: examples() });
}
/**
 * Asks the current run's model for answers (the run is built first when the Train view has not
 * built one: the configured warm-start checkpoint). Resolves with the result (partial when
 * cancelled), rejects with the worker's reason when it refuses (e.g. training is running) or fails.
 */
export function generateWithRunModel(
  req: Omit<GenerateRequest, 'id'>,
  onProgress: (done: number, total: number) => void,
): { result: Promise<GenerateResult>; cancel: () => void } {
  initRun();
  const id = nextGenerationId++;
  const result = new Promise<GenerateResult>((resolve, reject) => {
    const end = () => generations.delete(id);
    generations.set(id, {
      onReply: (m) => {
        if (m.type === 'generateProgress') return onProgress(m.done, m.total);
        end();
        if (m.type === 'generated') resolve(m);
        else reject(new Error(m.message));
      },
      fail: (e) => {
        end();
        reject(e);
      },
    });
  });
  send({ type: 'generate', id, ...req });
  return { result, cancel: () => send({ type: 'cancelGenerate', id }) };
}

/**
 * Opens a checkpoint (a bundle, or a folder's files chosen together). The worker checks it in full
 * and resets the run from it; until it confirms (checkpointOpened) nothing on the page changes, and
 * if it refuses (checkpointFailed) nothing changes at all.
 */
export async function openCheckpointFiles(files: readonly File[]): Promise<void> {
  if (!files.length) return;
  const list: UploadFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  useRunInputsStore.getState().beginCheckpoint(uploadLabel(list));
  send({ type: 'openCheckpoint', files: list, config: useSettingsStore.getState().config, examples: examples() }, list.map((f) => f.bytes.buffer as ArrayBuffer));
}
export const clearCheckpoint = () => send({ type: 'clearCheckpoint' });

/** Opens a calibration table; the worker checks it and uses it from the next step, or refuses it. */
export async function openCalibrationFile(file: File): Promise<void> {
  const text = await file.text();
  useRunInputsStore.getState().beginCalibration(file.name);
  send({ type: 'openCalibration', name: file.name, text });
}
export const clearCalibration = () => send({ type: 'clearCalibration' });

/**
 * Opens an embedding model: the .onnx file and its tokenizer.json, chosen together or one after the
 * other (the first is held until the other comes). The worker checks the pair and uses it from the
 * next step, or refuses it (embeddingFailed) and the similarity in use stays.
 */
export async function openEmbeddingFiles(files: readonly File[]): Promise<void> {
  if (!files.length) return;
  const store = useEmbeddingStore.getState();
  const chosen = await Promise.all(files.map(async (file) => ({ file, kind: embeddingFileKind(file.name, new Uint8Array(await file.slice(0, 16).arrayBuffer())) })));
  const added = addEmbeddingFiles(store.held, chosen);
  if ('problem' in added) return store.pickRefused(added.problem);
  const { model, tokenizer } = added.pair;
  if (!model || !tokenizer) return store.hold(added.pair);
  store.beginChecking(added.pair);
  let bytes: Uint8Array, text: string;
  try {
    bytes = new Uint8Array(await model.arrayBuffer());
    text = await tokenizer.text();
  } catch (e) {
    return store.pairRefused({ file: `${model.name} + ${tokenizer.name}`, reason: `could not be read (${(e as Error).message})` }, 'both');
  }
  send({ type: 'openEmbedding', model: { name: model.name, bytes }, tokenizer: { name: tokenizer.name, text } }, [bytes.buffer]);
}
export const clearEmbedding = () => send({ type: 'clearEmbedding' });

/** The fault drill (the `drills` test hook, src/ui/test-hooks): the next update gets a NaN gradient. */
export const injectFaultDrill = (kind: 'nan-grad' = 'nan-grad') => send({ type: 'injectFault', kind });
/** The device-loss drill (the `drills` test hook): the worker destroys its GPU device. */
export const loseDeviceDrill = () => send({ type: 'loseDevice' });
