// The GPU memory the user lets a run use. A page cannot ask WebGPU how much memory the GPU has (only
// its per-buffer and per-binding limits), so the memory plan checks those limits always and the
// total only against a budget the user types (GiB; empty = not checked). Kept in this browser.

import { create } from 'zustand';

const KEY = 'lrpo-studio.gpu-memory-gib';

/** '' -> no budget; a positive number of GiB -> bytes; anything else -> the reason it is refused */
export function parseGpuMemory(text: string): { bytes: number | null } | { error: string } {
  const t = text.trim();
  if (!t) return { bytes: null };
  const gib = Number(t);
  if (!Number.isFinite(gib) || gib <= 0) return { error: `GPU memory "${t}" is not a positive number of GiB` };
  if (gib > 4096) return { error: `GPU memory ${t} GiB is more than any GPU has (at most 4096)` };
  return { bytes: Math.round(gib * 2 ** 30) };
}

function saved(): string {
  try {
    const t = (typeof localStorage !== 'undefined' && localStorage.getItem(KEY)) || '';
    return 'error' in parseGpuMemory(t) ? '' : t;
  } catch {
    return '';
  }
}

interface GpuMemoryBudget {
  /** what the user typed last that was valid ('' = none) */
  text: string;
  /** the budget in bytes, or Infinity without one */
  bytes: number;
  /** sets it; returns the reason a text is refused (the previous budget stays), or null */
  set(text: string): string | null;
}

const bytesOf = (t: string) => {
  const p = parseGpuMemory(t);
  return 'bytes' in p && p.bytes !== null ? p.bytes : Infinity;
};

const initial = saved();

export const useGpuMemoryBudget = create<GpuMemoryBudget>((set) => ({
  text: initial,
  bytes: bytesOf(initial),
  set(text) {
    const p = parseGpuMemory(text);
    if ('error' in p) return p.error;
    const t = text.trim();
    try {
      if (t) localStorage.setItem(KEY, t);
      else localStorage.removeItem(KEY);
    } catch {
      /* storage unavailable: kept for this page */
    }
    set({ text: t, bytes: p.bytes ?? Infinity });
    return null;
  },
}));
