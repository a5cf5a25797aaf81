// Generates the studio's bundled demo dataset, authored by the LRPO Studio team (synthetic, see
// public/data/README.md): public/data/demo.parquet (train) and public/data/demo-heldout.parquet
// (held-out), verl-shaped rows with a short reference answer in each of the 15 router languages.
// Deterministic: the same seed always gives the same files.
//   node bin/run-ts.mjs scripts/make-demo-data.ts [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTER_LANGUAGES } from '../src/data/languages.ts';
import type { Example } from '../src/data/example.ts';
import { writeExamplesParquet } from '../src/data/parquet/write-parquet.ts';
import { Rng } from '../src/engine/rng.ts';
import { shuffleInPlace } from '../src/data/shuffle.ts';
import type { Fact } from './demo-data/facts.ts';
import { generalFacts } from './demo-data/general.ts';
import { reasoningFacts } from './demo-data/reasoning.ts';
import { regionalFacts } from './demo-data/regional.ts';
import { scienceFacts } from './demo-data/science.ts';
import { translationFacts } from './demo-data/translation.ts';

export const DEMO_SEED = 20260415;
export const HELDOUT_FRACTION = 0.15;
export const DEMO_DATA_SOURCE = 'lrpo-studio-demo (authored, synthetic)';

export function allFacts(seed = DEMO_SEED): Fact[] {
  const rng = new Rng(seed);
  const all = [
    ...regionalFacts(), ...generalFacts(), ...scienceFacts(),
    ...reasoningFacts(rng, 90, 30), ...translationFacts(rng, 120),
  ];
  const questions = new Set<string>();
  for (const f of all) {
    if (questions.has(f.question)) throw new Error(`duplicate question: ${f.question}`);
    questions.add(f.question);
    for (const l of ROUTER_LANGUAGES) if (!f.references[l]?.trim()) throw new Error(`no ${l} reference for: ${f.question}`);
  }
  return all;
}

/** Splits facts into train and held-out, per topic, with a seeded shuffle. */
export function splitFacts(facts: Fact[], seed = DEMO_SEED): { train: Fact[]; heldout: Fact[] } {
  const rng = new Rng(seed + 1);
  const train: Fact[] = [];
  const heldout: Fact[] = [];
  const topics = [...new Set(facts.map((f) => f.topic))];
  for (const t of topics) {
    const group = facts.filter((f) => f.topic === t);
    shuffleInPlace(group, rng);
    const k = Math.round(group.length * HELDOUT_FRACTION);
    heldout.push(...group.slice(0, k));
    train.push(...group.slice(k));
  }
  return { train, heldout };
}

export function toExamples(facts: Fact[], split: string): Example[] {
  return facts.map((f, index) => ({
    index, dataSource: DEMO_DATA_SOURCE, question: f.question, answer: f.references[f.language], topic: f.topic,
    language: f.language, regions: f.region ? [f.region] : [], references: { ...f.references }, split,
    prompt: [{ role: 'user', content: f.question }],
  }));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--out');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = i >= 0 ? path.resolve(process.argv[i + 1]) : path.resolve(here, '../public/data');
  mkdirSync(out, { recursive: true });
  const { train, heldout } = splitFacts(allFacts());
  for (const [name, set, split] of [['demo.parquet', train, 'train'], ['demo-heldout.parquet', heldout, 'test']] as const) {
    const bytes = await writeExamplesParquet(toExamples(set, split));
    writeFileSync(path.join(out, name), bytes);
    console.log(`${path.join(out, name)}: ${set.length} questions, ${bytes.length} bytes`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
