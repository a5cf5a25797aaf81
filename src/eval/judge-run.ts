// Judges many rows: a bounded pool of concurrent requests, the verdict cache in front, progress
// events with counts and ETA, cancel via AbortSignal. Every row handed in ends with a verdict (a
// label, or UNPARSEABLE with the raw reply or the failure) unless the run is cancelled or stopped
// by an error that no retry can fix (bad key, wrong URL): those rows stay unjudged and can be
// judged again; nothing judged so far is lost.
import { Rng } from '../engine/rng';
import { cacheKey, type VerdictStore } from './cache';
import { CancelledError, chatCompletionsUrl, JudgeRequestError, redact, requestJudgeReply, type JudgeEndpoint, type RequestOptions } from './client';
import { parseJudgeReply, VERDICT_LABELS, type VerdictLabel } from './labels';
import { buildJudgeMessages } from './prompt';
import type { PredictionRow, Verdict } from './types';

export interface JudgeProgress {
  done: number;
  total: number;
  byLabel: Record<VerdictLabel, number>;
  /** verdicts served from the cache */
  cached: number;
  /** retries so far (429, 5xx, timeouts, network errors) */
  retries: number;
  inFlight: number;
  elapsedMs: number;
  /** estimated milliseconds left; null until a first reply arrives */
  etaMs: number | null;
}

export interface JudgeRunOptions {
  endpoint: JudgeEndpoint;
  concurrency?: number;
  request?: Partial<RequestOptions>;
  store?: VerdictStore;
  signal?: AbortSignal;
  onProgress?: (p: JudgeProgress) => void;
  onVerdict?: (row: PredictionRow, v: Verdict) => void;
  /** seed for backoff jitter */
  seed?: number;
  now?: () => number;
}

export interface JudgeRunResult {
  verdicts: Map<string, Verdict>;
  cancelled: boolean;
  /** set when the run stopped on an error retries cannot fix (e.g. HTTP 401) */
  fatal?: string;
  progress: JudgeProgress;
}

// Errors no retry and no other row can fix: a bad key, a wrong URL or method. (A 400 may be about
// one item, e.g. a too-long prediction, so it only fails that row.)
const FATAL_STATUSES = new Set([401, 403, 404, 405]);

export async function judgeRows(rows: readonly PredictionRow[], o: JudgeRunOptions): Promise<JudgeRunResult> {
  const now = o.now ?? (() => Date.now());
  const start = now();
  const concurrency = Math.max(1, Math.floor(o.concurrency ?? 4));
  const rng = new Rng(o.seed ?? 1);
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (o.signal?.aborted) stop.abort();

  const verdicts = new Map<string, Verdict>();
  const byLabel = Object.fromEntries(VERDICT_LABELS.map((l) => [l, 0])) as Record<VerdictLabel, number>;
  const p: JudgeProgress = { done: 0, total: rows.length, byLabel, cached: 0, retries: 0, inFlight: 0, elapsedMs: 0, etaMs: null };
  let fetched = 0;
  let fatal: string | undefined;
  try {
    chatCompletionsUrl(o.endpoint.baseUrl);
  } catch (e) {
    fatal = `stopped: ${(e as Error).message}`;
    stop.abort();
  }
  const emit = () => {
    p.elapsedMs = now() - start;
    const remaining = p.total - p.done;
    p.etaMs = fetched > 0 ? Math.round((p.elapsedMs / fetched) * remaining) : remaining === 0 ? 0 : null;
    o.onProgress?.({ ...p, byLabel: { ...byLabel } });
  };
  const record = (row: PredictionRow, v: Verdict) => {
    verdicts.set(row.id, v);
    byLabel[v.label]++;
    p.done++;
    o.onVerdict?.(row, v);
    emit();
  };

  const judgeOne = async (row: PredictionRow) => {
    const model = o.endpoint.model;
    const key = await cacheKey({ ...row, model });
    const hit = await o.store?.get(key);
    if (hit) {
      p.cached++;
      return record(row, { label: hit.label, raw: hit.raw, model: hit.model, cached: true });
    }
    const messages = buildJudgeMessages(row);
    p.inFlight++;
    emit();
    let text: string;
    try {
      text = await requestJudgeReply(
        o.endpoint,
        messages,
        { ...o.request, rng, onRetry: () => void p.retries++ },
        stop.signal,
      );
    } catch (e) {
      p.inFlight--;
      if (e instanceof CancelledError) return;
      if (e instanceof JudgeRequestError && FATAL_STATUSES.has(e.status)) {
        fatal ??= `stopped: the endpoint refused the request (${e.message}); check the base URL, model name and key`;
        stop.abort();
        return;
      }
      fetched++;
      const reason = redact(e instanceof Error ? e.message : String(e), o.endpoint.apiKey);
      return record(row, { label: 'UNPARSEABLE', raw: '', model, reason: `request failed: ${reason}` });
    }
    p.inFlight--;
    fetched++;
    const parsed = parseJudgeReply(text);
    if (parsed.ok) {
      await o.store?.set(key, { label: parsed.label, raw: text, model, at: new Date().toISOString() });
      return record(row, { label: parsed.label, raw: text, model });
    }
    record(row, { label: 'UNPARSEABLE', raw: text, model, reason: parsed.reason });
  };

  let next = 0;
  const worker = async () => {
    while (!stop.signal.aborted && next < rows.length) {
      const row = rows[next++];
      await judgeOne(row);
    }
  };
  emit();
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    await o.store?.flush?.();
  } finally {
    o.signal?.removeEventListener('abort', onOuterAbort);
  }
  p.inFlight = 0;
  emit();
  return { verdicts, cancelled: !!o.signal?.aborted, fatal, progress: { ...p, byLabel: { ...byLabel } } };
}
