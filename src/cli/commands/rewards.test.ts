import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from './rewards';
import { parsePairStats } from '../../lrpo/rewards/calibration';
import { parseQuantileTable } from '../../lrpo/rewards/calibration-quantile';
import { chrF } from '../../lrpo/rewards/chrf';
import { buildEmbeddingLookupModel, TINY_TABLE, TINY_TOKENIZER } from '../../lrpo/rewards/embedding-fixtures';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lrpo-rewards-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/lrpo-studio.mjs'), 'rewards', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Authored rows (reference's question/answer shape) with extra references; one broken line.
const ROWS = [
  { question: 'Capital of France?', answer: 'Paris is the capital of France.', ability: 'General Knowledge', extra_info: { language: 'english', references: { de: 'Paris ist die Hauptstadt von Frankreich.' } } },
  { question: 'Where is Berlin?', answer: 'Berlin is in Germany.', ability: 'General Knowledge', extra_info: { language: 'english', references: { german: 'Berlin liegt in Deutschland.' } } },
  { question: 'Only English', answer: 'Nothing else.', ability: 'General Knowledge', extra_info: { language: 'english' } },
];
const data = join(dir, 'rows.jsonl');
writeFileSync(data, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n{"broken\n');

describe('lrpo-studio rewards fit (spawned)', () => {
  it('writes the reference CSV with chrF statistics (match backend)', () => {
    const out = join(dir, 'stats.csv');
    const qOut = join(dir, 'quantiles.json');
    const r = cli('fit', '--data', data, '--out', out, '--quantiles-out', qOut);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/2 with references in 2\+ languages/);
    expect(r.err).toMatch(/rows\.jsonl, .*4.*not valid JSON/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('lang_a,lang_b,count,mean,std');
    const { table, problems } = parsePairStats(text, 'stats.csv');
    expect(problems).toEqual([]);
    const s = (a: string, b: string) => (2 * chrF(a, b) - 1 + 2 * chrF(b, a) - 1) / 2;
    const s1 = s('Paris ist die Hauptstadt von Frankreich.', 'Paris is the capital of France.');
    const s2 = s('Berlin liegt in Deutschland.', 'Berlin is in Germany.');
    const pair = table.pairs.get('de|en')!;
    expect(pair.count).toBe(2);
    expect(pair.mean).toBeCloseTo((s1 + s2) / 2, 12);
    expect(pair.std).toBeCloseTo(Math.abs(s1 - s2) / 2, 12);
    // same-language pairs are measured too (a text against itself: chrF 1 -> s = 1)
    expect(table.pairs.get('de|de')).toMatchObject({ count: 2, mean: 1, std: 0 });
    expect(table.pairs.get('en|en')).toMatchObject({ count: 2, mean: 1, std: 0 });
    // the quantile table of the same two samples, normalized by the anchor U = 1 (mean same-language
    // similarity): q=0 -> min, q=1 -> max, q=0.5 -> their mean, each divided by 1 + 1e-6
    const q = parseQuantileTable(readFileSync(qOut, 'utf8'), 'quantiles.json');
    expect(q.problems).toEqual([]);
    expect(q.table.anchor).toBe(1);
    const de = q.table.pairs.get('de|en')!;
    const u = 1 + 1e-6;
    expect(de.values[0]).toBeCloseTo(Math.min(s1, s2) / u, 12);
    expect(de.values[20]).toBeCloseTo(Math.max(s1, s2) / u, 12);
    expect(de.values[10]).toBeCloseTo((s1 + s2) / 2 / u, 12);
  });

  it('measures with a user-supplied ONNX embedding model and tokenizer.json', () => {
    const model = join(dir, 'tiny.onnx');
    const tok = join(dir, 'tokenizer.json');
    writeFileSync(model, buildEmbeddingLookupModel(TINY_TABLE));
    writeFileSync(tok, JSON.stringify(TINY_TOKENIZER));
    const rows = join(dir, 'emb.jsonl');
    writeFileSync(rows, JSON.stringify({ question: 'q', answer: 'hello world', ability: 'Translation', extra_info: { language: 'en', references: { fr: 'bonjour monde' } } }) + '\n');
    const out = join(dir, 'emb.csv');
    const r = cli('fit', '--data', rows, '--out', out, '--similarity', 'embedding', '--model', model, '--tokenizer', tok);
    expect(r.code, r.err).toBe(0);
    const { table } = parsePairStats(readFileSync(out, 'utf8'), 'emb.csv');
    // hand: mean of rows [CLS] hello world [SEP] vs [CLS] bon ##jour monde [SEP], normalized, cosine
    const mean = (ids: number[]) => [0, 1, 2].map((d) => ids.reduce((s, i) => s + TINY_TABLE[i][d], 0) / ids.length);
    const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
    const a = unit(mean([2, 4, 5, 3]));
    const b = unit(mean([2, 6, 7, 8, 3]));
    expect(table.pairs.get('en|fr')!.mean).toBeCloseTo(a[0] * b[0] + a[1] * b[1] + a[2] * b[2], 6);
  });

  it('fails clearly when nothing can be measured, and on usage errors', () => {
    const only = join(dir, 'only.jsonl');
    writeFileSync(only, JSON.stringify(ROWS[2]) + '\n');
    const none = cli('fit', '--data', only, '--out', join(dir, 'x.csv'));
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/only\.jsonl: no row has reference answers in two or more languages/);
  });

  it('gives exit codes and messages for unreadable files and usage errors (in process)', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    try {
      expect(await run(['fit', '--data', join(dir, 'nope.parquet'), '--out', join(dir, 'x.csv')])).toBe(1);
      expect(errors.pop()).toMatch(/cannot read dataset .*nope\.parquet: ENOENT/);
      expect(await run(['fit', '--out', 'x.csv'])).toBe(2);
      expect(errors.pop()).toMatch(/missing required option --data/);
      expect(await run(['fit', '--data', data, '--out', 'x.csv', '--similarity', 'embedding'])).toBe(2);
      expect(errors.pop()).toMatch(/needs --model/);
      expect(await run(['fit', '--data', data, '--out', 'x.csv', '--similarity', 'bert'])).toBe(2);
      expect(errors.pop()).toMatch(/must be match or embedding/);
      expect(await run(['frobnicate'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});
