// The Router playground's state: the session spec (world, router settings, columns; mirrored in
// the URL), the simulation series the worker reports, and the run controls. The simulation itself
// runs in src/ui/worker/playground.worker.ts; this store only sends commands and appends reports.

import { create } from 'zustand';
import type { Problem } from '../../data/example';
import type { RouterSnapshot } from '../../lrpo/router/types';
import { decodeSpec, defaultSpec, encodeSpec, type PlaygroundSpec } from '../views/playground/playground-spec';
import type { ColumnDelta, PlaygroundCommand, PlaygroundEvent } from '../worker/playground-protocol';

export interface ColumnSeries {
  algorithm: ColumnDelta['algorithm'];
  tau: number[];
  eps: number[];
  cumRegret: number[];
  effective: Float32Array[];
  topChoice: Int16Array[];
  best: Int16Array[];
  snapshot: RouterSnapshot | null;
  routedCounts: number[];
}

export const SPEEDS = [1, 5, 20, 100, 500] as const;

export interface PlaygroundState {
  spec: PlaygroundSpec;
  /** problems of the `pg` URL parameter (the defaults were used instead) */
  urlProblems: Problem[];
  step: number;
  running: boolean;
  stepsPerTick: number;
  stepsPerSecond: number;
  series: ColumnSeries[];
  /** bumps whenever series grow (they are appended in place) */
  version: number;
  context: number;
  error: string | null;
  loadFromUrl(search: string): void;
  setSpec(update: (s: PlaygroundSpec) => PlaygroundSpec): void;
  play(): void;
  pause(): void;
  stepBy(count: number): void;
  reset(): void;
  setSpeed(stepsPerTick: number): void;
  setContext(c: number): void;
}

export function emptySeries(spec: PlaygroundSpec): ColumnSeries[] {
  return spec.columns.map((algorithm) => ({ algorithm, tau: [], eps: [], cumRegret: [], effective: [], topChoice: [], best: [], snapshot: null, routedCounts: [] }));
}

/** Appends a progress report to the series (in place). */
export function appendDeltas(series: ColumnSeries[], deltas: readonly ColumnDelta[]): void {
  deltas.forEach((d, i) => {
    const s = series[i];
    if (!s || s.algorithm !== d.algorithm) return;
    if (d.fromStep !== s.tau.length + 1 && d.tau.length) throw new Error(`playground: step ${d.fromStep} arrived after step ${s.tau.length}`);
    s.tau.push(...d.tau);
    s.eps.push(...d.eps);
    s.cumRegret.push(...d.cumRegret);
    s.effective.push(...d.effective);
    s.topChoice.push(...d.topChoice);
    s.best.push(...d.best);
    s.snapshot = d.snapshot;
    s.routedCounts = d.routedCounts;
  });
}

let worker: Worker | null = null;
let gen = 0;

function send(cmd: PlaygroundCommand): void {
  worker?.postMessage(cmd);
}

export const usePlaygroundStore = create<PlaygroundState>((set, get) => {
  const ensureWorker = () => {
    if (worker || typeof Worker === 'undefined') return;
    worker = new Worker(new URL('../worker/playground.worker.ts', import.meta.url), { type: 'module', name: 'lrpo-playground' });
    worker.onmessage = (ev: MessageEvent<PlaygroundEvent>) => {
      const e = ev.data;
      if (e.gen !== gen) return; // a report from before the last reset
      if (e.type === 'error') return set({ error: e.message, running: false });
      const { series } = get();
      try {
        appendDeltas(series, e.columns);
      } catch (err) {
        return set({ error: (err as Error).message, running: false });
      }
      set((s) => ({ step: e.step, running: e.running, stepsPerSecond: e.stepsPerSecond || s.stepsPerSecond, version: s.version + 1 }));
    };
    worker.onerror = (ev) => set({ error: `playground worker: ${ev.message}`, running: false });
  };
  const restart = (spec: PlaygroundSpec) => {
    ensureWorker();
    gen++;
    set((s) => ({ spec, series: emptySeries(spec), step: 0, running: false, error: null, version: s.version + 1, context: Math.min(s.context, spec.world.contexts.length - 1) }));
    send({ type: 'init', spec, gen });
  };
  return {
    spec: defaultSpec(),
    urlProblems: [],
    step: 0,
    running: false,
    stepsPerTick: 20,
    stepsPerSecond: 0,
    series: emptySeries(defaultSpec()),
    version: 0,
    context: 0,
    error: null,
    loadFromUrl(search) {
      const param = new URLSearchParams(search).get('pg');
      // coming back to the view with the session it already runs: keep the simulation
      if (worker && param !== null && param === encodeSpec(get().spec)) return;
      if (param === null) return restart(get().spec);
      const { spec, problems } = decodeSpec(param);
      set({ urlProblems: problems });
      restart(spec ?? defaultSpec());
    },
    setSpec(update) {
      restart(update(structuredClone(get().spec)));
    },
    play() {
      if (get().step >= get().spec.steps) return;
      set({ running: true });
      send({ type: 'play', stepsPerTick: get().stepsPerTick });
    },
    pause() {
      set({ running: false });
      send({ type: 'pause' });
    },
    stepBy(count) {
      set({ running: false });
      send({ type: 'step', count });
    },
    reset() {
      restart(get().spec);
    },
    setSpeed(stepsPerTick) {
      set({ stepsPerTick });
      send({ type: 'speed', stepsPerTick });
    },
    setContext(c) {
      set({ context: c });
    },
  };
});

/** `?pg=` for the current spec, keeping the other query parameters. */
export function searchWithSpec(search: string, spec: PlaygroundSpec): string {
  const params = new URLSearchParams(search);
  params.set('pg', encodeSpec(spec));
  return `?${params.toString()}`;
}
