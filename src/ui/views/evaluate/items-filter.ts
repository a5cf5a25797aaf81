// Which rows the items table shows for a filter (click-through from charts and breakdowns).
import { countKey, languageFlag, NO_VALUE } from '../../../eval/metrics';
import type { DetectedLanguage, PredictionRow } from '../../../eval/types';
import type { ItemFilter } from '../../store/eval-store';

export function filterRows(
  rows: readonly PredictionRow[],
  f: ItemFilter,
  seen: readonly string[],
  detections: ReadonlyMap<string, DetectedLanguage>,
): PredictionRow[] {
  const text = f.text?.trim().toLowerCase();
  return rows.filter((r) => {
    if (f.label && countKey(r) !== f.label) return false;
    if (f.language && r.language !== f.language) return false;
    if (f.region && (r.region ?? NO_VALUE) !== f.region) return false;
    if (f.setting && (r.setting ?? NO_VALUE) !== f.setting) return false;
    if (f.seen && (seen.includes(r.language) ? 'seen' : 'unseen') !== f.seen) return false;
    if (f.flaggedOnly && !languageFlag(r, detections.get(r.id))) return false;
    if (text && ![r.id, r.question, r.target, r.prediction].some((s) => s.toLowerCase().includes(text))) return false;
    return true;
  });
}

export function describeFilter(f: ItemFilter): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== '' && v !== false)
    .map(([k, v]) => (v === true ? k : `${k} = ${v}`));
  return parts.length ? parts.join(', ') : 'all items';
}
