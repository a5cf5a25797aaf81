import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startMockJudgeServer, type MockJudgeServer } from '../../e2e/fixtures/mock-judge-server';
import { MemoryVerdictStore } from './cache';
import { mapColumns } from './columns';
import { judgeRows, type JudgeProgress } from './judge-run';
import { rowsFromRecords } from './load';
import { summarize } from './metrics';
import { readSource } from './read-source';
import type { PredictionRow } from './types';

const FIXTURE = path.resolve(__dirname, '../../e2e/fixtures/eval/care-predictions.csv');
let server: MockJudgeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fixtureRows(): Promise<PredictionRow[]> {
  const t = await readSource('care-predictions.csv', new Uint8Array(readFileSync(FIXTURE)));
  return rowsFromRecords(t.records, t.columns, mapColumns(t.columns), 'care-predictions.csv').rows;
}

const request = { timeoutMs: 2000, retries: 2, backoffBaseMs: 20, backoffMaxMs: 100 };

describe('judgeRows', () => {
  it('judges the fixture: every row ends labelled or UNPARSEABLE, progress counts are exact, cache saves the second run', async () => {
    server = await startMockJudgeServer();
    const rows = await fixtureRows();
    const toJudge = rows.filter((r) => !r.verdict);
    const store = new MemoryVerdictStore();
    const progress: JudgeProgress[] = [];
    const res = await judgeRows(toJudge, {
      endpoint: { baseUrl: server.url, model: 'mock', apiKey: 'k' }, concurrency: 3, request, store, onProgress: (p) => progress.push(p),
    });
    expect(res.cancelled).toBe(false);
    expect(res.verdicts.size).toBe(12);
    const label = (id: string) => res.verdicts.get(id)!.label;
    expect(toJudge.map((r) => [r.id, label(r.id)])).toEqual([
      ['q01', 'CORRECT'], ['q02', 'CORRECT_BUT_WRONG_LANGUAGE'], ['q03', 'INCORRECT'], ['q04', 'NOT_ATTEMPTED'],
      ['q05', 'CORRECT'], ['q06', 'CORRECT'], ['q07', 'INCORRECT'], ['q08', 'INCORRECT'],
      ['q09', 'UNPARSEABLE'], ['q10', 'UNPARSEABLE'], ['q11', 'CORRECT'], ['q12', 'UNPARSEABLE'],
    ]);
    expect(res.verdicts.get('q09')).toMatchObject({ raw: 'The weather is lovely today, thanks for asking.', reason: expect.stringMatching(/not one clear label/) });
    expect(res.verdicts.get('q10')).toMatchObject({ raw: 'A or B', reason: expect.stringMatching(/more than one label/) });
    expect(res.verdicts.get('q12')).toMatchObject({ raw: '', reason: expect.stringMatching(/request failed: HTTP 500.*gave up after 3 attempts/) });
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ done: 12, total: 12, inFlight: 0, etaMs: 0, cached: 0 });
    expect(last.byLabel).toEqual({ CORRECT: 4, CORRECT_BUT_WRONG_LANGUAGE: 1, INCORRECT: 3, NOT_ATTEMPTED: 1, UNPARSEABLE: 3 });
    expect(last.retries).toBe(1 + 2 + 1 + 2); // 429, 500+502, timeout, 500 x2
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done)).toBe(true);

    const judged = rows.map((r) => ({ ...r, verdict: r.verdict ?? res.verdicts.get(r.id) }));
    const s = summarize(judged, ['zh', 'es']);
    expect([s.overall.correct, s.overall.n]).toEqual([5, 13]);

    // second run: parsed verdicts come from the cache, only the UNPARSEABLE rows are asked again
    const before = server.requests.length;
    const again = await judgeRows(toJudge, { endpoint: { baseUrl: server.url, model: 'mock', apiKey: 'k' }, concurrency: 3, request, store });
    expect(again.progress.cached).toBe(9);
    expect(server.requests.slice(before).map((r) => r.prediction).sort()).toEqual(['Barcelona, creo', 'Barcelona, creo', 'Barcelona, creo', 'No sé', 'paella o tortilla'].sort());
    expect(again.verdicts.get('q09')!.label).toBe('NOT_ATTEMPTED');
    expect(again.verdicts.get('q10')!.label).toBe('UNPARSEABLE');
  });

  it('a different judge model is a different cache key', async () => {
    server = await startMockJudgeServer({ x: [{ reply: 'A' }] });
    const row: PredictionRow = { id: 'a', index: 0, question: 'q', target: 't', prediction: 'x', language: 'en', region: null, setting: null };
    const store = new MemoryVerdictStore();
    await judgeRows([row], { endpoint: { baseUrl: server.url, model: 'm1' }, store });
    const r2 = await judgeRows([row], { endpoint: { baseUrl: server.url, model: 'm2' }, store });
    expect(r2.progress.cached).toBe(0);
    expect(server.requests).toHaveLength(2);
  });

  it('cancel stops the run, keeps finished verdicts and leaves the rest unjudged', async () => {
    server = await startMockJudgeServer({ fast: [{ reply: 'A' }], slow: [{ reply: 'C', delayMs: 3000 }] });
    const rows: PredictionRow[] = ['fast', 'slow', 'slow', 'slow'].map((p, i) => ({
      id: `r${i}`, index: i, question: `q${i}`, target: 't', prediction: p, language: 'en', region: null, setting: null,
    }));
    const ctl = new AbortController();
    const t0 = Date.now();
    const run = judgeRows(rows, { endpoint: { baseUrl: server.url, model: 'm' }, concurrency: 2, request, signal: ctl.signal });
    setTimeout(() => ctl.abort(), 300);
    const res = await run;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(res.cancelled).toBe(true);
    expect([...res.verdicts.keys()]).toEqual(['r0']);
  });

  it('stops on 401 with a message and judges nothing more', async () => {
    server = await startMockJudgeServer({ a: [{ status: 401, body: '{"error":"bad key"}' }] });
    const rows: PredictionRow[] = Array.from({ length: 5 }, (_, i) => ({
      id: `r${i}`, index: i, question: `q${i}`, target: 't', prediction: 'a', language: 'en', region: null, setting: null,
    }));
    const res = await judgeRows(rows, { endpoint: { baseUrl: server.url, model: 'm', apiKey: 'secret-key' }, concurrency: 1, request });
    expect(res.fatal).toMatch(/HTTP 401/);
    expect(res.fatal).not.toContain('secret-key');
    expect(res.verdicts.size).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('a 400 fails only its row; an unusable base URL stops before any request', async () => {
    server = await startMockJudgeServer({ big: [{ status: 400, body: '{"error":"context too long"}' }], ok: [{ reply: 'D' }] });
    const rows: PredictionRow[] = ['big', 'ok'].map((p, i) => ({
      id: `r${i}`, index: i, question: 'q', target: 't', prediction: p, language: 'en', region: null, setting: null,
    }));
    const res = await judgeRows(rows, { endpoint: { baseUrl: server.url, model: 'm' }, concurrency: 1, request });
    expect(res.fatal).toBeUndefined();
    expect(res.verdicts.get('r0')).toMatchObject({ label: 'UNPARSEABLE', reason: expect.stringMatching(/request failed: HTTP 400: .*context too long/) });
    expect(res.verdicts.get('r1')!.label).toBe('NOT_ATTEMPTED');
    const bad = await judgeRows(rows, { endpoint: { baseUrl: 'localhost:8000', model: 'm' }, request });
    expect(bad.fatal).toMatch(/stopped: base URL must start with http/);
    expect(bad.verdicts.size).toBe(0);
  });

  it('keeps at most `concurrency` requests open and reports a finite ETA while running', async () => {
    server = await startMockJudgeServer(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}`, [{ reply: 'A', delayMs: 150 }]])));
    const rows: PredictionRow[] = Array.from({ length: 8 }, (_, i) => ({
      id: `r${i}`, index: i, question: `q${i}`, target: 't', prediction: `p${i}`, language: 'en', region: null, setting: null,
    }));
    const seen: JudgeProgress[] = [];
    const res = await judgeRows(rows, { endpoint: { baseUrl: server.url, model: 'm' }, concurrency: 3, request, onProgress: (p) => seen.push(p) });
    expect(res.progress.byLabel.CORRECT).toBe(8);
    expect(server.maxConcurrent()).toBe(3);
    expect(Math.max(...seen.map((p) => p.inFlight))).toBe(3);
    const mid = seen.filter((p) => p.done > 0 && p.done < p.total);
    expect(mid.length).toBeGreaterThan(0);
    for (const p of mid) {
      expect(p.etaMs).not.toBeNull();
      expect(p.etaMs!).toBeGreaterThan(0);
    }
  });
});
