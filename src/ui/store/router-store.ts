// The router timeline the Router view draws: frames from the live run, or from a replayed router
// JSONL; the scrubber's position (null = follow the latest step) and the chosen context.

import { create } from 'zustand';
import type { Problem } from '../../data/example';
import type { RouterFrame } from '../worker/protocol';
import { appendBounded } from './bounded-history';

const FRAME_CAP = 5000;

export interface RouterStoreState {
  live: RouterFrame[];
  replay: { file: string; frames: RouterFrame[]; problems: Problem[]; lines: number } | null;
  source: 'live' | 'replay';
  /** what the last opened file gave: how many steps loaded and every malformed line */
  lastOpen: { file: string; loaded: number; lines: number; problems: Problem[] } | null;
  /** index into the current source's frames; null = the latest */
  cursor: number | null;
  context: string | null;
  addLiveFrames(frames: readonly RouterFrame[]): void;
  replaceLive(frames: readonly RouterFrame[]): void;
  openReplay(r: NonNullable<RouterStoreState['replay']>): void;
  setSource(s: 'live' | 'replay'): void;
  setCursor(i: number | null): void;
  setContext(c: string): void;
}

export function currentFrames(s: Pick<RouterStoreState, 'live' | 'replay' | 'source'>): RouterFrame[] {
  return s.source === 'replay' && s.replay ? s.replay.frames : s.live;
}

export function currentFrame(s: Pick<RouterStoreState, 'live' | 'replay' | 'source' | 'cursor'>): RouterFrame | null {
  const frames = currentFrames(s);
  if (!frames.length) return null;
  const i = s.cursor === null ? frames.length - 1 : Math.min(Math.max(0, s.cursor), frames.length - 1);
  return frames[i];
}

export const useRouterStore = create<RouterStoreState>((set, get) => ({
  live: [],
  replay: null,
  source: 'live',
  lastOpen: null,
  cursor: null,
  context: null,
  addLiveFrames(frames) {
    if (frames.length) set({ live: appendBounded(get().live, frames, FRAME_CAP) });
  },
  replaceLive(frames) {
    set({ live: frames.slice(-FRAME_CAP) });
  },
  openReplay(replay) {
    const lastOpen = { file: replay.file, loaded: replay.frames.length, lines: replay.lines, problems: replay.problems };
    // a file with no usable line keeps whatever was shown before; its problems are still listed
    if (!replay.frames.length) return void set({ lastOpen });
    set({ replay, lastOpen, source: 'replay', cursor: null });
  },
  setSource(source) {
    set({ source, cursor: null });
  },
  setCursor(cursor) {
    set({ cursor });
  },
  setContext(context) {
    set({ context });
  },
}));
