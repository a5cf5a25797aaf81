// The steps the Teaching view walks through: the live run's recent steps (full rollout records and
// router lines from the worker's reports) or a saved run folder opened from disk.

import { create } from 'zustand';
import type { Problem } from '../../data/example';
import type { SavedRun } from '../../lrpo/teaching/saved-run';
import type { WalkStep } from '../../lrpo/teaching/step-walk';
import type { StepReport } from '../worker/protocol';
import { appendBounded } from './bounded-history';

/** steps of the live run kept for the walk-through (each holds every rollout of its step) */
export const TEACH_CAP = 200;

export interface TeachStoreState {
  live: WalkStep[];
  saved: { file: string; run: SavedRun } | null;
  /** what the last opened folder gave (problems listed even when it was refused) */
  lastOpen: { file: string; problems: Problem[]; steps: number } | null;
  source: 'live' | 'saved';
  addLive(reports: readonly StepReport[], languages: readonly string[]): void;
  clearLive(): void;
  openSaved(file: string, run: SavedRun | null, problems: Problem[]): void;
  setSource(s: 'live' | 'saved'): void;
}

export function teachSteps(s: Pick<TeachStoreState, 'live' | 'saved' | 'source'>): WalkStep[] {
  return s.source === 'saved' && s.saved ? s.saved.run.steps : s.live;
}

export const useTeachStore = create<TeachStoreState>((set, get) => ({
  live: [],
  saved: null,
  lastOpen: null,
  source: 'live',
  addLive(reports, languages) {
    const added: WalkStep[] = reports.filter((r) => r.records).map((r) => ({
      step: r.step, languages: [...languages], rollouts: r.records!, metrics: r.metrics, routerLine: r.routerLog ?? null, nextRouterLine: null,
    }));
    if (!added.length) return;
    const all = [...get().live, ...added];
    // a step's router line is the state after the previous step's update
    for (let i = 1; i < all.length; i++) if (all[i - 1].step === all[i].step - 1 && !all[i - 1].nextRouterLine && all[i].routerLine) all[i - 1] = { ...all[i - 1], nextRouterLine: all[i].routerLine };
    set({ live: appendBounded([], all, TEACH_CAP) });
  },
  clearLive() {
    set({ live: [] });
  },
  openSaved(file, run, problems) {
    const lastOpen = { file, problems, steps: run?.steps.length ?? 0 };
    if (!run) return void set({ lastOpen }); // refused: what was shown stays
    set({ saved: { file, run }, lastOpen, source: 'saved' });
  },
  setSource(source) {
    set({ source });
  },
}));
