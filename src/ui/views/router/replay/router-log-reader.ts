// Router JSONL replay: the data layer's parser (src/data/router-log.ts: the reference's verl format,
// malformed lines listed with their 1-based line numbers, the good lines kept) turned into router
// frames, with each step's epsilon recovered from effective = (1-eps)*softmax + eps/L.

import type { Problem } from '../../../../data/example';
import { formatRouterLogLine, parseRouterLog, type ParsedRouterLog } from '../../../../data/router-log';
import type { RouterFrame, RouterProbs } from '../../../worker/protocol';

export interface RouterLogRead {
  frames: RouterFrame[];
  /** row = 1-based line number */
  problems: Problem[];
  lines: number;
}

/** eps recovered from one context's softmax and effective rows (undefined when softmax is uniform). */
export function deriveEpsilon(probs: RouterProbs): number | undefined {
  const estimates: number[] = [];
  for (const { softmax, effective } of Object.values(probs)) {
    const langs = Object.keys(softmax);
    const L = langs.length;
    for (const lang of langs) {
      const gap = 1 / L - softmax[lang];
      if (Math.abs(gap) > 1e-4 && effective[lang] !== undefined) estimates.push((effective[lang] - softmax[lang]) / gap);
    }
  }
  if (!estimates.length) return undefined;
  estimates.sort((a, b) => a - b);
  return Math.min(1, Math.max(0, estimates[Math.floor(estimates.length / 2)]));
}

function toFrames(parsed: ParsedRouterLog): RouterLogRead {
  const frames: RouterFrame[] = parsed.lines.map((l) => ({ step: l.step, probs: l.probs, eps: deriveEpsilon(l.probs) }));
  frames.sort((a, b) => a.step - b.step);
  return { frames, problems: parsed.problems, lines: parsed.nonBlank };
}

/** A router log's text, or its bytes (use these for a File: lines that are not UTF-8 are listed, not read with U+FFFD). */
export function readRouterLog(input: string | Uint8Array, file: string): RouterLogRead {
  return toFrames(parseRouterLog(input, file));
}

/** Writes frames back in the reference's format (one JSON object per line). */
export function writeRouterLog(frames: readonly RouterFrame[]): string {
  return frames.map((f) => formatRouterLogLine({ step: f.step, probs: f.probs })).join('\n') + (frames.length ? '\n' : '');
}
