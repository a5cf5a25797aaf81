// One run, two drivers: the same seeded run (warm-start SFT, LRPO steps, validation every
// test_freq steps) driven by the CLI (`lrpo-studio train`, its run folder) and by the worker's code
// path (TrainingRunner over the worker's own session factory, fetch served from the run's folder) on
// the CPU backend in Node gives the same metrics (wall-clock figures aside), the same router log,
// the same SFT losses and bitwise the same weights. Then the worker path saved at step 2 and resumed
// by a new runner (a page reload) ends with the same weights as the run that never stopped.
// This file sits above the layers (it uses cli and ui) like layers.test.ts. Questions authored here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as cliTrain } from './cli/commands/train';
import { readCheckpointFolder } from './cli/train-model';
import { readRunConfigFile } from './lrpo/run-config-file';
import type { RunConfig } from './lrpo/config';
import { TrainingRunner, type RunSession } from './ui/worker/runner';
import { createSession } from './ui/worker/session-factory';
import { MemoryKv, SaveStore } from './ui/worker/save-store';
import type { FromWorker } from './ui/worker/protocol';

const PUBLIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
const BASE = 'http://studio.test/';
const QUESTIONS = [
  { question: 'Capital of France?', answer: 'Paris', extra_info: { language: 'english', topic: 'General Knowledge', region: null, references: { de: 'Paris', zh: '巴黎' } }, ability: 'General Knowledge' },
  { question: 'Wie viele Beine hat ein Hund?', answer: 'vier', extra_info: { language: 'german', topic: 'General Knowledge', region: null, references: { en: 'four', zh: '四' } }, ability: 'General Knowledge' },
  { question: '中国的首都是哪里？', answer: '北京', extra_info: { language: 'chinese', topic: 'Regional Knowledge', region: 'China', references: { en: 'Beijing', de: 'Peking' } }, ability: 'Regional Knowledge' },
  { question: 'Translate "dog" to German.', answer: 'Hund', extra_info: { language: 'english', topic: 'Translation', region: null }, ability: 'Translation' },
];
const RUN = {
  seed: 7,
  backend: 'cpu',
  data: { train_files: 'train.jsonl', val_files: 'train.jsonl', train_batch_size: 2, max_prompt_length: 48, max_response_length: 8 },
  model: { checkpoint: '', n_layer: 1, n_head: 2, n_embd: 32, block_size: 64 },
  router: { languages: ['de', 'en', 'zh'], lang_policy_update_every: 2 },
  actor: { rollout_n: 4, ppo_mini_batch_size: 1, lr: 0.01 },
  sft: { steps: 3, batch_size: 4, lr: 0.01, warmup_steps: 1 },
  trainer: { total_training_steps: 4, save_freq: 2, test_freq: 2 },
};

let dir = '';
const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const WALL_CLOCK = (k: string) => k.startsWith('timing_s/') || k === 'perf/throughput' || k === 'perf/flops_per_s_estimate';
const deterministic = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([k]) => !WALL_CLOCK(k)));

/** fetch from the run's folder, then from public/ (the studio's files) */
function serve() {
  vi.stubGlobal('fetch', async (url: string) => {
    const p = decodeURIComponent(new URL(url).pathname.slice(1));
    for (const root of [dir, PUBLIC]) {
      try {
        return new Response(new Uint8Array(readFileSync(path.join(root, p))) as Uint8Array<ArrayBuffer>);
      } catch {
        // next root
      }
    }
    return new Response(null, { status: 404, statusText: 'Not Found' });
  });
}

const until = async (cond: () => boolean, ms = 120_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

function workerDriver(kv: MemoryKv) {
  const msgs: FromWorker[] = [];
  const sessions: RunSession[] = [];
  const runner = new TrainingRunner(async (config, examples, inputs) => {
    const s = await createSession(config, { examples, ...inputs, baseUrl: BASE });
    sessions.push(s);
    return s;
  }, new SaveStore(kv), (m) => msgs.push(m));
  const finished = () => msgs.some((m) => m.type === 'paused' && /^finished/.test(m.reason));
  return { msgs, sessions, runner, finished };
}

const flat = async (s: RunSession) => new Map([...(await s.model.exportParams())].map(([k, t]) => [k, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)]));

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lrpo-parity-'));
  writeFileSync(path.join(dir, 'train.jsonl'), QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(RUN));
});
afterAll(() => {
  vi.unstubAllGlobals();
  rmSync(dir, { recursive: true, force: true });
});

describe('the CLI and the worker drive the same run', () => {
  it('same metrics, router log, SFT losses and bitwise weights; the worker resumed at step 2 ends the same', async () => {
    const out = path.join(dir, 'cli');
    expect(await cliTrain(['--config', path.join(dir, 'run.json'), '--out', out, '--quiet'])).toBe(0);
    const cliMetrics = lines(path.join(out, 'metrics.jsonl'));
    const cliRouter = lines(path.join(out, 'router.jsonl'));
    const cliSft = lines(path.join(out, 'sft_metrics.jsonl'));
    const cliWeights = readCheckpointFolder(path.join(out, 'checkpoint')).params;
    expect(cliMetrics.map((l) => l.step)).toEqual([1, 2, 3, 4]);
    expect(Object.keys(cliMetrics[1].metrics).some((k) => k.startsWith('val-core/'))).toBe(true);

    serve();
    const config = readRunConfigFile(JSON.stringify(RUN), 'run.json').config as RunConfig;
    const w = workerDriver(new MemoryKv());
    await w.runner.handle({ type: 'init', config, examples: [] });
    await w.runner.handle({ type: 'start' });
    await until(w.finished);
    const reports = w.msgs.flatMap((m) => (m.type === 'reports' ? m.reports : []));
    const sft = w.msgs.flatMap((m) => (m.type === 'sft' ? m.progress : []));
    expect(w.msgs.filter((m) => m.type === 'error')).toEqual([]);

    expect(reports.map((r) => ({ step: r.step, metrics: deterministic(r.metrics) }))).toEqual(cliMetrics.map((l) => ({ step: l.step, metrics: deterministic(l.metrics) })));
    expect(reports.flatMap((r) => (r.router ? [{ step: r.router.step, probs: r.router.probs }] : []))).toEqual(cliRouter.map((l) => ({ step: l.step, probs: l.probs })));
    expect(sft.map((p) => [p.step, p.loss, p.lr])).toEqual(cliSft.map((l) => [l.step, l.metrics['sft/loss'], l.metrics['sft/lr']]));
    const workerWeights = await flat(w.sessions[w.sessions.length - 1]);
    expect([...workerWeights.keys()].sort()).toEqual([...cliWeights.keys()].sort());
    for (const [k, t] of cliWeights) expect(workerWeights.get(k)!.equals(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)), k).toBe(true);

    // the worker path stopped after step 2 (its autosave) and resumed by a new runner, as after a reload
    const kv = new MemoryKv();
    const a = workerDriver(kv);
    await a.runner.handle({ type: 'init', config, examples: [] });
    while (a.runner.step < 2) await a.runner.handle({ type: 'step' });
    const b = workerDriver(kv);
    await b.runner.handle({ type: 'init', config, examples: [] });
    await b.runner.handle({ type: 'resume' });
    expect(b.runner.step).toBe(2);
    await b.runner.handle({ type: 'start' });
    await until(b.finished);
    const resumed = b.msgs.flatMap((m) => (m.type === 'reports' ? m.reports : []));
    expect(resumed.map((r) => ({ step: r.step, metrics: deterministic(r.metrics) }))).toEqual(cliMetrics.slice(2).map((l) => ({ step: l.step, metrics: deterministic(l.metrics) })));
    const after = await flat(b.sessions[b.sessions.length - 1]);
    for (const [k, t] of workerWeights) expect(after.get(k)!.equals(t), k).toBe(true);
    for (const s of [...w.sessions, ...a.sessions, ...b.sessions]) s.dispose();
  }, 300_000);
});
