// OpenAI-compatible chat-completions client for the judge: plain fetch to the user's endpoint,
// temperature 0, a small max_tokens, a timeout per attempt, retries with exponential backoff and
// jitter on 429 / 5xx / network errors (Retry-After honoured), and cancellation.
//
// Base URL: "http://host:8000/v1" -> POST http://host:8000/v1/chat/completions;
// "http://host:8000" (no path) -> POST http://host:8000/v1/chat/completions (OpenAI's layout);
// any other path gets "/chat/completions" appended; a URL already ending in /chat/completions is
// used as-is. The API key is sent only in the Authorization header and is redacted from every
// error message this module produces.
import { Rng } from '../engine/rng';
import type { ChatTurn } from './prompt';

export interface JudgeEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
}

export interface RequestOptions {
  /** per-attempt timeout */
  timeoutMs: number;
  /** retries after the first attempt */
  retries: number;
  /** first backoff; doubles each retry, with full jitter, capped at backoffMaxMs */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** longest Retry-After we wait */
  retryAfterMaxMs: number;
  maxTokens: number;
  fetchFn?: typeof fetch;
  /** jitter source (seeded: no Math.random in library code) */
  rng?: Rng;
  /** called before each retry (for progress: counts retries) */
  onRetry?: (info: { attempt: number; waitMs: number; reason: string }) => void;
}

const DEFAULT_REQUEST_OPTIONS: RequestOptions = {
  timeoutMs: 60_000,
  retries: 4,
  backoffBaseMs: 500,
  backoffMaxMs: 20_000,
  retryAfterMaxMs: 60_000,
  maxTokens: 8,
};

export class JudgeRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 for network errors / timeouts */
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function chatCompletionsUrl(baseUrl: string): string {
  let u: URL;
  try {
    u = new URL(baseUrl.trim());
  } catch {
    throw new JudgeRequestError(`base URL '${baseUrl}' is not a URL (e.g. http://127.0.0.1:8000/v1)`, 0, false);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new JudgeRequestError(`base URL must start with http:// or https://, got '${u.protocol}'`, 0, false);
  }
  const path = u.pathname.replace(/\/+$/, '');
  if (path.endsWith('/chat/completions')) u.pathname = path;
  else if (path === '') u.pathname = '/v1/chat/completions';
  else u.pathname = `${path}/chat/completions`;
  u.search = '';
  u.hash = '';
  return u.toString();
}

/** Replaces the key (and any bearer token) in a text. */
export function redact(text: string, apiKey?: string): string {
  let t = text;
  if (apiKey && apiKey.length >= 1) t = t.split(apiKey).join('[redacted]');
  return t.replace(/Bearer\s+[^\s"',]+/gi, 'Bearer [redacted]');
}

/** Retry-After as milliseconds (seconds or an HTTP date); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

export function backoffMs(attempt: number, opts: Pick<RequestOptions, 'backoffBaseMs' | 'backoffMaxMs'>, rng: Rng): number {
  const cap = Math.min(opts.backoffMaxMs, opts.backoffBaseMs * 2 ** attempt);
  return Math.round(cap / 2 + (rng.next() * cap) / 2);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface Attempt {
  text?: string;
  error?: JudgeRequestError;
  retryAfterMs?: number | null;
}

async function attemptOnce(
  url: string,
  endpoint: JudgeEndpoint,
  messages: ChatTurn[],
  opts: RequestOptions,
  signal?: AbortSignal,
): Promise<Attempt> {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, opts.timeoutMs);
  const onCancel = () => ctl.abort();
  signal?.addEventListener('abort', onCancel, { once: true });
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (endpoint.apiKey) headers.Authorization = `Bearer ${endpoint.apiKey}`;
  const key = endpoint.apiKey;
  try {
    const res = await (opts.fetchFn ?? fetch)(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: endpoint.model, messages, temperature: 0, max_tokens: opts.maxTokens }),
      signal: ctl.signal,
    });
    const body = await res.text();
    if (!res.ok) {
      const retryable = res.status === 429 || res.status >= 500;
      const detail = redact(body.slice(0, 300), key).replace(/\s+/g, ' ').trim();
      return {
        error: new JudgeRequestError(`HTTP ${res.status}${detail ? `: ${detail}` : ''}`, res.status, retryable),
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { error: new JudgeRequestError(`the endpoint answered with something that is not JSON: ${redact(body.slice(0, 120), key)}`, res.status, true) };
    }
    const content = (json as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') {
      return { error: new JudgeRequestError('the reply has no choices[0].message.content text', res.status, true) };
    }
    return { text: content };
  } catch (e) {
    if (signal?.aborted) throw new CancelledError();
    const msg = timedOut ? `no reply within ${opts.timeoutMs} ms` : `network error: ${redact(String((e as Error)?.message ?? e), key)}`;
    return { error: new JudgeRequestError(msg, 0, true) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
}

/**
 * Sends one chat-completions request with retries. Resolves with the reply text; rejects with a
 * JudgeRequestError after the last attempt (message names the last failure and the attempt count)
 * or with CancelledError when `signal` aborts.
 */
export async function requestJudgeReply(
  endpoint: JudgeEndpoint,
  messages: ChatTurn[],
  options: Partial<RequestOptions> = {},
  signal?: AbortSignal,
): Promise<string> {
  const opts: RequestOptions = { ...DEFAULT_REQUEST_OPTIONS, ...options };
  const rng = opts.rng ?? new Rng(0x6a75646765);
  const url = chatCompletionsUrl(endpoint.baseUrl);
  let last: JudgeRequestError | undefined;
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (signal?.aborted) throw new CancelledError();
    const r = await attemptOnce(url, endpoint, messages, opts, signal);
    if (r.text !== undefined) return r.text;
    last = r.error!;
    if (!last.retryable || attempt === opts.retries) break;
    const fromHeader = r.retryAfterMs != null ? Math.min(r.retryAfterMs, opts.retryAfterMaxMs) : null;
    const waitMs = fromHeader ?? backoffMs(attempt, opts, rng);
    opts.onRetry?.({ attempt: attempt + 1, waitMs, reason: last.message });
    await sleep(waitMs, signal);
  }
  const tries = opts.retries + 1;
  throw new JudgeRequestError(
    last!.retryable ? `${last!.message} (gave up after ${tries} attempt${tries > 1 ? 's' : ''})` : last!.message,
    last!.status,
    last!.retryable,
  );
}
