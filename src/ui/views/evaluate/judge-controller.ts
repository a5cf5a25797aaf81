// What the Evaluate view's buttons do beyond plain state: run the judge (cache, progress, cancel),
// allow the endpoint's origin (CSP) and reload without losing work, restore the saved session,
// and run the language detector over the predictions.
import { IndexedDbVerdictStore } from '../../../eval/cache-idb';
import { MemoryVerdictStore, type VerdictStore } from '../../../eval/cache';
import { chatCompletionsUrl } from '../../../eval/client';
import { detectAll, loadDetector, type PredictionDetector } from '../../../eval/detector';
import { judgeRows } from '../../../eval/judge-run';
import { readSource } from '../../../eval/read-source';
import type { Verdict } from '../../../eval/types';
import { allowConnectOrigin, isConnectAllowedNow } from '../../security/connect-origins';
import { loadSession, saveSession } from '../../store/eval-session';
import { useEvalStore } from '../../store/eval-store';
import { useGenerateStore } from '../../store/generate-store';
import { restoreGenerated, savedSources } from './prediction-sources';

export type JudgeMode = 'unjudged' | 'unparseable' | 'all';

let controller: AbortController | null = null;
let cache: Promise<VerdictStore> | null = null;
let detector: Promise<{ detector: PredictionDetector } | { unavailable: string }> | null = null;

function verdictCache(): Promise<VerdictStore> {
  cache ??= IndexedDbVerdictStore.open().catch(() => new MemoryVerdictStore());
  return cache;
}

export async function persistSession(): Promise<void> {
  const s = useEvalStore.getState();
  if (!s.source) return;
  await saveSession({
    fileName: s.source.fileName,
    bytes: s.source.bytes,
    override: s.source.override,
    questionsOnly: s.source.questionsOnly,
    ...savedSources(s),
    seen: s.seen,
    baseUrl: s.baseUrl,
    model: s.model,
  }).catch(() => undefined);
}

let restored = false;
/** Restores the last session once per page load (after an allow-and-reload, or a plain reload). */
export async function restoreSessionOnce(): Promise<void> {
  if (restored) return;
  restored = true;
  const saved = await loadSession().catch(() => null);
  if (!saved || useEvalStore.getState().source) return;
  const table = await readSource(saved.fileName, saved.bytes);
  const st = useEvalStore.getState();
  st.restore({ fileName: saved.fileName, bytes: saved.bytes, table, override: saved.override, questionsOnly: saved.questionsOnly }, new Map(saved.verdicts), saved.seen);
  restoreGenerated(saved.generated);
  st.setEndpoint({ baseUrl: saved.baseUrl, model: saved.model });
  st.setMessage({ level: 'info', text: `Restored ${saved.fileName} with ${saved.verdicts.length} verdicts from this browser.` });
}

export async function allowAndReload(origin: string): Promise<void> {
  await persistSession();
  allowConnectOrigin(origin);
  window.location.reload();
}

export function cancelJudge(): void {
  controller?.abort();
}

export async function startJudge(mode: JudgeMode): Promise<void> {
  const st = useEvalStore.getState();
  if (st.running) return;
  if (useGenerateStore.getState().running) {
    st.setMessage({ level: 'error', text: 'Predictions are being generated: wait for them (or cancel) before judging.' });
    return;
  }
  if (!st.baseUrl.trim() || !st.model.trim()) {
    st.setMessage({ level: 'error', text: 'Enter the endpoint base URL and the model name first.' });
    return;
  }
  let origin: string;
  try {
    origin = new URL(chatCompletionsUrl(st.baseUrl)).origin;
  } catch (e) {
    st.setMessage({ level: 'error', text: (e as Error).message });
    return;
  }
  if (!isConnectAllowedNow(origin)) {
    st.setNeedsAllow(origin);
    return;
  }
  // benchmark questions without an answer are not judged: generate predictions for them first
  const answerable = st.rows.filter((r) => !r.noPrediction);
  if (!answerable.length) {
    st.setMessage({ level: 'error', text: 'These are benchmark questions without predictions: generate predictions with the current model first.' });
    return;
  }
  const rows = answerable.filter((r) =>
    mode === 'all' ? true : mode === 'unparseable' ? r.verdict?.label === 'UNPARSEABLE' : !r.verdict,
  );
  if (!rows.length) {
    st.setMessage({ level: 'info', text: mode === 'unparseable' ? 'No UNPARSEABLE rows to judge again.' : 'Every row already has a label.' });
    return;
  }
  controller = new AbortController();
  st.setNeedsAllow(null);
  st.setMessage(null);
  st.setRunning(true);
  const pending = new Map<string, Verdict>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    flushTimer = null;
    useEvalStore.getState().applyVerdicts(new Map(pending));
    pending.clear();
  };
  try {
    const res = await judgeRows(rows, {
      endpoint: { baseUrl: st.baseUrl.trim(), model: st.model.trim(), apiKey: st.apiKey || undefined },
      concurrency: st.concurrency,
      request: { timeoutMs: st.timeoutMs, retries: st.retries },
      store: await verdictCache(),
      signal: controller.signal,
      onProgress: (p) => useEvalStore.getState().setProgress(p),
      onVerdict: (row, v) => {
        pending.set(row.id, v);
        flushTimer ??= setTimeout(flush, 100);
      },
    });
    if (flushTimer) clearTimeout(flushTimer);
    flush();
    const p = res.progress;
    const s = useEvalStore.getState();
    if (res.fatal) s.setMessage({ level: 'error', text: res.fatal });
    else if (res.cancelled) s.setMessage({ level: 'warn', text: `Cancelled: ${p.done} of ${p.total} judged; the rest stay unjudged.` });
    else s.setMessage({ level: 'info', text: `Judged ${p.done} rows (${p.cached} from the cache, ${p.byLabel.UNPARSEABLE} UNPARSEABLE).` });
  } catch (e) {
    useEvalStore.getState().setMessage({ level: 'error', text: `Judging failed: ${(e as Error).message}` });
  } finally {
    controller = null;
    useEvalStore.getState().setRunning(false);
    await persistSession();
  }
}

/** Loads the detector once and flags every loaded prediction. */
export async function runDetector(): Promise<void> {
  const st = useEvalStore.getState();
  if (!st.rows.length) return;
  if (st.detector.status === 'idle') st.setDetector({ status: 'loading' });
  detector ??= loadDetector();
  const d = await detector;
  if ('unavailable' in d) {
    useEvalStore.getState().setDetector({ status: 'unavailable', reason: d.unavailable });
    return;
  }
  const rows = useEvalStore.getState().rows;
  useEvalStore.getState().setDetector({ status: 'ready' }, detectAll(d.detector, rows));
}
