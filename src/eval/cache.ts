// Verdict cache: a judged item is not paid for twice. The key is the SHA-256 (crypto.subtle, in
// Node 20 and browsers) of the prompt version, the question's language (it is part of the prompt),
// question, target, prediction and judge model. Only parsed labels are cached: UNPARSEABLE replies
// and failed requests are asked again. Stores are pluggable (memory, IndexedDB, JSON file).
import { JUDGE_PROMPT_VERSION } from './prompt';
import type { JudgeLabel } from './labels';

export interface CachedVerdict {
  label: JudgeLabel;
  raw: string;
  model: string;
  /** ISO time when the judge answered */
  at: string;
}

export interface VerdictStore {
  get(key: string): Promise<CachedVerdict | undefined>;
  set(key: string, value: CachedVerdict): Promise<void>;
  /** writes pending changes (file store); a no-op for the others */
  flush?(): Promise<void>;
}

export interface CacheKeyInput {
  question: string;
  target: string;
  prediction: string;
  language: string;
  model: string;
  promptVersion?: string;
}

export async function cacheKey(k: CacheKeyInput): Promise<string> {
  const text = JSON.stringify([k.promptVersion ?? JUDGE_PROMPT_VERSION, k.language, k.question, k.target, k.prediction, k.model]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function isCachedVerdict(v: unknown): v is CachedVerdict {
  const o = v as CachedVerdict;
  return (
    !!o &&
    typeof o === 'object' &&
    ['CORRECT', 'CORRECT_BUT_WRONG_LANGUAGE', 'INCORRECT', 'NOT_ATTEMPTED'].includes(o.label) &&
    typeof o.raw === 'string' &&
    typeof o.model === 'string'
  );
}

export class MemoryVerdictStore implements VerdictStore {
  readonly entries = new Map<string, CachedVerdict>();
  async get(key: string) {
    return this.entries.get(key);
  }
  async set(key: string, value: CachedVerdict) {
    this.entries.set(key, value);
  }
}
