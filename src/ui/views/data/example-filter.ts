// Filtering and paging of the Data view's example table (pure; tested without a browser).
import type { Example } from '../../../data/example';
import { NO_REGION } from '../../../data/summary';

export interface ExampleFilter {
  text: string;
  topic: string;
  region: string;
  language: string;
}

export const NO_FILTER: ExampleFilter = { text: '', topic: '', region: '', language: '' };

/** Examples matching every set criterion; text matches question, answer or any reference (case-insensitive). */
export function filterExamples(examples: readonly Example[], f: ExampleFilter): Example[] {
  const needle = f.text.trim().toLowerCase();
  return examples.filter((e) => {
    if (f.topic && e.topic !== f.topic) return false;
    if (f.language && e.language !== f.language) return false;
    if (f.region && !(f.region === NO_REGION ? e.regions.length === 0 : e.regions.includes(f.region))) return false;
    if (!needle) return true;
    if (e.question.toLowerCase().includes(needle) || e.answer.toLowerCase().includes(needle)) return true;
    return Object.values(e.references).some((r) => r.toLowerCase().includes(needle));
  });
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const p = Math.min(Math.max(0, page), pageCount(items.length, pageSize) - 1);
  return items.slice(p * pageSize, (p + 1) * pageSize);
}
