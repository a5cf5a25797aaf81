/// <reference lib="webworker" />
// The training worker: owns the Trainer and the model (WebGPU or CPU) and runs the loop off the UI
// thread. Messages in and out are typed in protocol.ts; the loop itself is runner.ts.

import type { FromWorker, ToWorker } from './protocol';
import { TrainingRunner } from './runner';
import { SaveStore } from './save-store';
import { IdbKv } from './idb-kv';
import { createSession } from './session-factory';

const ctx = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker) => {
  if (m.type === 'exported') ctx.postMessage(m, [m.bytes.buffer as ArrayBuffer]);
  else ctx.postMessage(m);
};

const baseUrl = new URL(import.meta.env.BASE_URL, ctx.location.href).href;

const ready = (async () => {
  let store: SaveStore | null = null;
  try {
    store = new SaveStore(await IdbKv.open());
  } catch (e) {
    post({ type: 'error', message: `autosave is off: browser storage is not available (${(e as Error).message})` });
  }
  return new TrainingRunner((config, examples, inputs) => createSession(config, { examples, ...inputs, baseUrl }), store, post);
})();

// Messages are handled one at a time in arrival order, except pause/injectFault/loseDevice which
// must reach a running loop between its steps.
let queue: Promise<void> = Promise.resolve();
ctx.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  // cancelGenerate must reach a generation in progress (which holds the queue) between its batches
  const immediate =
    msg.type === 'pause' || msg.type === 'injectFault' || msg.type === 'loseDevice' || msg.type === 'export' || msg.type === 'cancelGenerate';
  const run = async () => (await ready).handle(msg);
  if (immediate) void run();
  else queue = queue.then(run);
};
