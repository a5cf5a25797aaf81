// CLI test: spawns `node bin/lrpo-studio.mjs judge` against the scripted mock judge server.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockJudgeServer, type MockJudgeServer } from '../../../e2e/fixtures/mock-judge-server';
import { parseCsv } from '../../data/csv';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'e2e/fixtures/eval/care-predictions.csv');
const KEY = 'sk-cli-test-KEY-9f8e7d';
let server: MockJudgeServer;
let dir: string;

beforeAll(async () => {
  server = await startMockJudgeServer();
  dir = mkdtempSync(path.join(tmpdir(), 'lrpo-judge-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/lrpo-studio.mjs', 'judge', ...args], { cwd: ROOT, env: { ...process.env, OPENAI_API_KEY: '', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const LABELS = ['CORRECT', 'CORRECT_BUT_WRONG_LANGUAGE', 'INCORRECT', 'NOT_ATTEMPTED', 'UNPARSEABLE'];

describe('lrpo-studio judge', () => {
  it('judges the fixture headless: every row labelled or UNPARSEABLE, exact summary, key never written', async () => {
    const out = path.join(dir, 'judged.jsonl');
    const summary = path.join(dir, 'summary.csv');
    const cache = path.join(dir, 'cache.json');
    const args = ['--input', FIXTURE, '--base-url', server.url, '--model', 'mock-judge', '--out', out, '--summary', summary,
      '--cache', cache, '--timeout-ms', '2000', '--retries', '2', '--concurrency', '3', '--seen-langs', 'zh,es'];
    const r = await cli(args, { LRPO_JUDGE_API_KEY: KEY });
    expect(r.stderr).not.toMatch(/problem:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('accuracy 5/13 = 38.46%');
    expect(r.stdout).toContain('labels: CORRECT=5 CORRECT_BUT_WRONG_LANGUAGE=1 INCORRECT=3 NOT_ATTEMPTED=1 UNPARSEABLE=3');
    expect(r.stdout).toMatch(/seen\s+n=\s+9\s+correct=\s+3/);
    expect(r.stdout).toMatch(/unseen\s+n=\s+4\s+correct=\s+2/);
    expect(r.stderr).toMatch(/judged 12\/12 .*UNPARSEABLE=3/);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual(Array.from({ length: 13 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`));
    expect(rows.every((x) => LABELS.includes(x.label))).toBe(true);
    expect(rows.find((x) => x.id === 'q10')).toMatchObject({ label: 'UNPARSEABLE', judge_raw: 'A or B' });
    expect(rows.find((x) => x.id === 'q13')).toMatchObject({ label: 'CORRECT', judge_model: 'input' });
    expect(rows.find((x) => x.id === 'q01')).toMatchObject({ detected_language: 'zh', language_flag: false });
    expect(rows.find((x) => x.id === 'q02')).toMatchObject({ detected_language: 'en', language_flag: true });
    // a lone name: the detector is unsure (p < 0.5), so no flag, but its guess is exported
    expect(rows.find((x) => x.id === 'q11')).toMatchObject({ detected_language: 'en', language_flag: false });
    const sumCsv = parseCsv(readFileSync(summary, 'utf8')).records.map((x) => x.fields);
    expect(sumCsv[1].slice(0, 5)).toEqual(['overall', 'all', '13', '5', String(5 / 13)]);
    for (const text of [readFileSync(out, 'utf8'), readFileSync(summary, 'utf8'), readFileSync(cache, 'utf8'), r.stdout, r.stderr]) {
      expect(text).not.toContain(KEY);
    }
    expect(server.requests.every((q) => q.authorization === `Bearer ${KEY}`)).toBe(true);

    // again with the cache, as CSV: parsed verdicts are not paid for twice; q09 now gets a label
    const before = server.requests.length;
    const out2 = path.join(dir, 'judged.csv');
    const r2 = await cli([...args.slice(0, 6), '--out', out2, '--cache', cache, '--timeout-ms', '2000', '--retries', '0', '--no-detect'], { OPENAI_API_KEY: KEY });
    expect(r2.code).toBe(0);
    expect(r2.stderr).toMatch(/cache .*: 9 verdicts/);
    expect(server.requests.length - before).toBe(3);
    expect(r2.stdout).toContain('labels: CORRECT=5 CORRECT_BUT_WRONG_LANGUAGE=1 INCORRECT=3 NOT_ATTEMPTED=2 UNPARSEABLE=2');
    const csv = parseCsv(readFileSync(out2, 'utf8')).records.map((x) => x.fields);
    const header = csv[0];
    expect(csv).toHaveLength(14);
    const q09 = csv.find((f) => f[0] === 'q09')!;
    expect(q09[header.indexOf('label')]).toBe('NOT_ATTEMPTED');
    expect(csv.find((f) => f[0] === 'q12')![header.indexOf('prediction')]).toBe('Barcelona, creo');
  });

  it('usage and input errors exit 2 with a clear message', async () => {
    const missing = await cli(['--input', FIXTURE, '--base-url', server.url, '--out', path.join(dir, 'x.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required option --model/);
    const badOut = await cli(['--input', FIXTURE, '--base-url', server.url, '--model', 'm', '--out', path.join(dir, 'x.txt')]);
    expect(badOut.stderr).toMatch(/--out must end in .jsonl or .csv/);
    const noFile = await cli(['--input', path.join(dir, 'nope.csv'), '--base-url', server.url, '--model', 'm', '--out', path.join(dir, 'x.jsonl')]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/cannot read .*nope.csv: ENOENT/);
    const bad = await cli(['--input', path.join(ROOT, 'e2e/fixtures/eval/bad-predictions.jsonl'), '--base-url', server.url, '--model', 'm', '--out', path.join(dir, 'x.jsonl')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/field question: no column for question; pick one/);
    expect(bad.stderr).toMatch(/no usable rows/);
  });

  it('--map picks a column; bad rows are listed with line and field, the good one is judged', async () => {
    const out = path.join(dir, 'mapped.jsonl');
    const r = await cli(['--input', path.join(ROOT, 'e2e/fixtures/eval/bad-predictions.jsonl'), '--map', 'question=frage', '--base-url', server.url,
      '--model', 'm', '--out', out, '--no-detect', '--retries', '0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("problem: bad-predictions.jsonl, row 1, field lang: language 'klingon' is not a language name or ISO code we know (line 2)");
    expect(r.stderr).toMatch(/problem: bad-predictions.jsonl: line 4: not valid JSON/);
    expect(r.stderr).toMatch(/loaded 1 rows .*7 problems/);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // the scripted server has no entry for "Lima": its reply is not a label
    expect(rows).toMatchObject([{ question: '¿Capital de Perú?', prediction: 'Lima', label: 'UNPARSEABLE', judge_raw: 'I was not scripted for this answer.' }]);
    expect(r.stdout).toContain('accuracy 0/1 = 0.00%');
  });
});
