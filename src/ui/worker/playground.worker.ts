// The Router playground's simulation, off the page's thread: the router loop runs here on the CPU
// and posts what is new every frame.

import type { PlaygroundCommand, PlaygroundEvent } from './playground-protocol';
import { PlaygroundRunner } from './playground-runner';

let runner: PlaygroundRunner | null = null;
let running = false;
let stepsPerTick = 10;
let timer: ReturnType<typeof setTimeout> | null = null;
let rate = 0;
let gen = 0;

const post = (e: PlaygroundEvent) => (self as unknown as Worker).postMessage(e);

function emit(count: number): void {
  if (!runner) return;
  const t0 = performance.now();
  const columns = runner.advance(count);
  const ms = performance.now() - t0;
  const n = columns[0]?.tau.length ?? 0;
  if (n > 0 && ms > 0) rate = (n / ms) * 1000;
  if (runner.done) running = false;
  post({ type: 'progress', gen, step: runner.step, running, columns, stepsPerSecond: rate });
}

function tick(): void {
  timer = null;
  if (!running || !runner) return;
  emit(stepsPerTick);
  if (running) timer = setTimeout(tick, 16);
}

self.onmessage = (ev: MessageEvent<PlaygroundCommand>) => {
  const cmd = ev.data;
  try {
    switch (cmd.type) {
      case 'init':
        running = false;
        if (timer) clearTimeout(timer);
        timer = null;
        gen = cmd.gen;
        runner = new PlaygroundRunner(cmd.spec);
        emit(0);
        break;
      case 'play':
        stepsPerTick = cmd.stepsPerTick;
        if (runner && !runner.done) {
          running = true;
          if (!timer) tick();
        }
        break;
      case 'pause':
        running = false;
        emit(0);
        break;
      case 'step':
        running = false;
        emit(cmd.count);
        break;
      case 'speed':
        stepsPerTick = cmd.stepsPerTick;
        break;
    }
  } catch (e) {
    running = false;
    post({ type: 'error', gen, message: (e as Error).message });
  }
};
