import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTER_LANGUAGES } from '../src/data/languages.ts';
import { loadDataset } from '../src/data/load-dataset.ts';
import { writeExamplesParquet } from '../src/data/parquet/write-parquet.ts';
import { allFacts, splitFacts, toExamples } from './make-demo-data.ts';

const DATA = path.resolve(__dirname, '../public/data');

describe('the committed demo dataset (read back through the real reader)', () => {
  it('demo.parquet meets the spec: >= 400 questions, >= 5 topics, >= 12 regions, >= 8 languages, 15 references each', async () => {
    const d = await loadDataset(new Uint8Array(readFileSync(path.join(DATA, 'demo.parquet'))), 'demo.parquet');
    expect(d.problems).toEqual([]);
    expect(d.examples.length).toBeGreaterThanOrEqual(400);
    const topics = new Set(d.examples.map((e) => e.topic));
    expect(topics.size).toBeGreaterThanOrEqual(5);
    for (const t of ['Regional Knowledge', 'General Knowledge', 'Translation']) expect(topics).toContain(t);
    expect(new Set(d.examples.flatMap((e) => e.regions)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(d.examples.map((e) => e.language)).size).toBeGreaterThanOrEqual(8);
    for (const e of d.examples) {
      for (const l of ROUTER_LANGUAGES) expect(e.references[l]?.trim(), `${l} reference of ${e.question}`).toBeTruthy();
      expect(e.references[e.language]).toBe(e.answer);
      expect(e.split).toBe('train');
      if (e.topic === 'Regional Knowledge') expect(e.regions).toHaveLength(1);
      else expect(e.regions).toEqual([]);
    }
  });

  it('held-out split is disjoint from train and about 15% of all questions', async () => {
    const train = await loadDataset(new Uint8Array(readFileSync(path.join(DATA, 'demo.parquet'))), 'demo.parquet');
    const held = await loadDataset(new Uint8Array(readFileSync(path.join(DATA, 'demo-heldout.parquet'))), 'demo-heldout.parquet');
    expect(held.problems).toEqual([]);
    const trainQ = new Set(train.examples.map((e) => e.question));
    for (const e of held.examples) expect(trainQ.has(e.question)).toBe(false);
    const frac = held.examples.length / (held.examples.length + train.examples.length);
    expect(frac).toBeGreaterThan(0.12);
    expect(frac).toBeLessThan(0.18);
    expect(held.examples.every((e) => e.split === 'test')).toBe(true);
  });

  it('the committed files are exactly what the script generates (not stale) and small', async () => {
    const { train, heldout } = splitFacts(allFacts());
    const files: [string, Uint8Array][] = [
      ['demo.parquet', await writeExamplesParquet(toExamples(train, 'train'))],
      ['demo-heldout.parquet', await writeExamplesParquet(toExamples(heldout, 'test'))],
    ];
    let total = 0;
    for (const [name, bytes] of files) {
      const committed = new Uint8Array(readFileSync(path.join(DATA, name)));
      expect(Buffer.from(committed).equals(Buffer.from(bytes)), `${name} is stale: run npm run make:demo-data`).toBe(true);
      total += committed.length;
    }
    expect(total).toBeLessThan(1024 * 1024);
  });

  it('generation is deterministic and every reference is non-empty in all 15 languages', () => {
    const a = allFacts();
    const b = allFacts();
    expect(a).toEqual(b);
    for (const f of a) for (const l of ROUTER_LANGUAGES) expect(f.references[l].trim()).not.toBe('');
  });
});
