import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockJudgeServer, type MockJudgeServer } from '../../e2e/fixtures/mock-judge-server';
import { Rng } from '../engine/rng';
import { backoffMs, CancelledError, chatCompletionsUrl, JudgeRequestError, parseRetryAfter, redact, requestJudgeReply } from './client';
import { buildJudgeMessages } from './prompt';

const KEY = 'sk-test-SECRET-123';
let server: MockJudgeServer;

beforeAll(async () => {
  server = await startMockJudgeServer({
    ok: [{ reply: 'A' }],
    rate: [{ status: 429, retryAfter: '1' }, { reply: 'B' }],
    flaky: [{ status: 500 }, { status: 503 }, { reply: 'C' }],
    slow: [{ reply: 'D', delayMs: 1500 }, { reply: 'D' }],
    down: [{ status: 500 }],
    missing: [{ status: 404, body: `no such model for key ${KEY}` }],
    hang: [{ reply: 'A', delayMs: 5000 }],
    echo: [{ status: 500, body: `bad key Bearer ${KEY} and ${KEY}` }],
  });
});
afterAll(() => server.close());

const msgs = (prediction: string) => buildJudgeMessages({ question: 'q', target: 't', prediction, language: 'es' });
const endpoint = () => ({ baseUrl: server.url, model: 'judge-model', apiKey: KEY });
const fast = { backoffBaseMs: 20, backoffMaxMs: 100, timeoutMs: 3000, retries: 3 };

describe('chatCompletionsUrl', () => {
  it.each([
    ['http://h:8000/v1', 'http://h:8000/v1/chat/completions'],
    ['http://h:8000/v1/', 'http://h:8000/v1/chat/completions'],
    ['http://h:8000', 'http://h:8000/v1/chat/completions'],
    ['https://api.example.org/openai/v1', 'https://api.example.org/openai/v1/chat/completions'],
    ['http://h/v1/chat/completions', 'http://h/v1/chat/completions'],
  ])('%s -> %s', (base, url) => expect(chatCompletionsUrl(base)).toBe(url));
  it('rejects what is not an http(s) URL', () => {
    expect(() => chatCompletionsUrl('localhost:8000')).toThrow(/http/);
    expect(() => chatCompletionsUrl('not a url')).toThrow(/not a URL/);
  });
});

describe('helpers', () => {
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
  it('backoff doubles with jitter in [cap/2, cap] and is capped', () => {
    const rng = new Rng(3);
    for (let a = 0; a < 8; a++) {
      const cap = Math.min(1000, 100 * 2 ** a);
      const w = backoffMs(a, { backoffBaseMs: 100, backoffMaxMs: 1000 }, rng);
      expect(w).toBeGreaterThanOrEqual(cap / 2);
      expect(w).toBeLessThanOrEqual(cap);
    }
  });
  it('redacts the key and bearer tokens', () => {
    expect(redact(`x ${KEY} Bearer abc y`, KEY)).toBe('x [redacted] Bearer [redacted] y');
  });
});

describe('requestJudgeReply against a local server', () => {
  it('sends the model, temperature 0 and the key only in the Authorization header', async () => {
    expect(await requestJudgeReply(endpoint(), msgs('ok'), fast)).toBe('A');
    const req = server.requests.at(-1)!;
    expect(req).toMatchObject({ prediction: 'ok', authorization: `Bearer ${KEY}`, model: 'judge-model', temperature: 0, path: '/v1/chat/completions' });
  });
  it('waits the Retry-After of a 429, then succeeds', async () => {
    const retries: number[] = [];
    const t0 = Date.now();
    expect(await requestJudgeReply(endpoint(), msgs('rate'), { ...fast, onRetry: (r) => retries.push(r.waitMs) })).toBe('B');
    expect(retries).toEqual([1000]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });
  it('retries 5xx with backoff', async () => {
    const retries: string[] = [];
    expect(await requestJudgeReply(endpoint(), msgs('flaky'), { ...fast, onRetry: (r) => retries.push(r.reason) })).toBe('C');
    expect(retries).toEqual([expect.stringMatching(/^HTTP 500/), expect.stringMatching(/^HTTP 503/)]);
  });
  it('times out a slow reply and retries', async () => {
    const retries: string[] = [];
    expect(await requestJudgeReply(endpoint(), msgs('slow'), { ...fast, timeoutMs: 400, onRetry: (r) => retries.push(r.reason) })).toBe('D');
    expect(retries).toEqual(['no reply within 400 ms']);
  });
  it('gives up after the last retry with the last failure', async () => {
    await expect(requestJudgeReply(endpoint(), msgs('down'), { ...fast, retries: 2 })).rejects.toThrow(/HTTP 500 \(gave up after 3 attempts\)/);
  });
  it('does not retry a 404 and redacts the key from the message', async () => {
    const before = server.requests.length;
    const err = await requestJudgeReply(endpoint(), msgs('missing'), fast).catch((e) => e);
    expect(err).toBeInstanceOf(JudgeRequestError);
    expect(err.status).toBe(404);
    expect(err.message).not.toContain(KEY);
    expect(server.requests.length - before).toBe(1);
  });
  it('never puts the key in an error even when the server echoes it', async () => {
    const err = await requestJudgeReply(endpoint(), msgs('echo'), { ...fast, retries: 0 }).catch((e) => e);
    expect(err.message).toMatch(/HTTP 500/);
    expect(err.message).not.toContain(KEY);
    expect(err.message).not.toContain('SECRET');
  });
  it('cancels an in-flight request promptly', async () => {
    const ctl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctl.abort(), 200);
    await expect(requestJudgeReply(endpoint(), msgs('hang'), fast, ctl.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it('reports a refused connection as a network error', async () => {
    const err = await requestJudgeReply({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: KEY }, msgs('x'), { ...fast, retries: 1 }).catch((e) => e);
    expect(err.message).toMatch(/network error.*gave up after 2 attempts/);
  });
});
