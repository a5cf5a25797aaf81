// Pure derivations from the router timeline for the Router view: the contexts and languages present,
// one context's distribution over steps, rollout shares up to a step, and a frame's value tables.

import type { RouterFrame } from '../../worker/protocol';

/** Contexts of the frames, topics first then regions, each in first-seen order. */
export function contextsOf(frames: readonly RouterFrame[]): string[] {
  const seen = new Set<string>();
  for (const f of frames) for (const k of Object.keys(f.probs)) seen.add(k);
  const all = [...seen];
  return [...all.filter((k) => k.startsWith('topic:')), ...all.filter((k) => !k.startsWith('topic:'))];
}

/** Languages in the order the log lists them (the router's arm order). */
export function langsOf(frames: readonly RouterFrame[]): string[] {
  const seen = new Set<string>();
  for (const f of frames) for (const v of Object.values(f.probs)) for (const l of Object.keys(v.effective)) seen.add(l);
  return [...seen];
}

/** One context's distribution at every step that logged it: {step, [lang]: p}. */
export function contextSeries(frames: readonly RouterFrame[], ctx: string, kind: 'softmax' | 'effective'): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (const f of frames) {
    const p = f.probs[ctx];
    if (p) out.push({ step: f.step, ...p[kind] });
  }
  return out;
}

/** tau and eps at every step where they are known. */
export function scheduleSeries(frames: readonly RouterFrame[]): Record<string, number>[] {
  return frames
    .filter((f) => f.tau !== undefined || f.eps !== undefined)
    .map((f) => ({ step: f.step, ...(f.tau !== undefined ? { tau: f.tau } : {}), ...(f.eps !== undefined ? { eps: f.eps } : {}) }));
}

/** Fraction of routed rollouts per language over frames[0..upto] (live runs carry the counts). */
export function rolloutShare(frames: readonly RouterFrame[], upto: number): Record<string, number> | null {
  const counts: Record<string, number> = {};
  let total = 0;
  let any = false;
  for (let i = 0; i <= upto && i < frames.length; i++) {
    const c = frames[i].rolloutsByLang;
    if (!c) continue;
    any = true;
    for (const [l, n] of Object.entries(c)) {
      counts[l] = (counts[l] ?? 0) + n;
      total += n;
    }
  }
  if (!any || total === 0) return null;
  for (const l of Object.keys(counts)) counts[l] /= total;
  return counts;
}
