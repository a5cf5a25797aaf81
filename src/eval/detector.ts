// The studio's language detector (fastText lid.176 via src/lrpo/rewards/lid.ts) applied to
// predictions, for the "answer not in the question's language" flag. Loaded lazily (the model is
// a few MB); when it cannot start, callers get the reason and show "detector unavailable" —
// never a guessed language.
import type { DetectedLanguage } from './types';

export interface PredictionDetector {
  detect(text: string): DetectedLanguage;
}

export async function loadDetector(): Promise<{ detector: PredictionDetector } | { unavailable: string }> {
  try {
    const { createLanguageDetector } = await import('../lrpo/rewards/lid');
    const d = await createLanguageDetector();
    return { detector: { detect: (t: string) => d.detect(t) } };
  } catch (e) {
    return { unavailable: `the language detector failed to start: ${(e as Error)?.message ?? String(e)}` };
  }
}

/** Detects the language of every prediction; keyed by row id. */
export function detectAll(detector: PredictionDetector, rows: readonly { id: string; prediction: string }[]): Map<string, DetectedLanguage> {
  return new Map(rows.map((r) => [r.id, detector.detect(r.prediction)]));
}
