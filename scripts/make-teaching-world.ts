// Generates the teaching world (authored by the LRPO Studio team, fictional; public/data/README.md):
// public/data/teaching-world.json (the design: for each region, the language(s) that hold its
// knowledge), public/data/teaching-world.parquet (questions for LRPO) and
// public/data/teaching-world-heldout.parquet (the same facts asked in other languages: held out).
// Each fact is asked in all five languages; a seeded draw puts two of them in the held-out file.
// Deterministic: the same seed gives the same files.
//   node bin/run-ts.mjs scripts/make-teaching-world.ts [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from '../src/data/example.ts';
import { writeExamplesParquet } from '../src/data/parquet/write-parquet.ts';
import { Rng } from '../src/engine/rng.ts';
import { shuffleInPlace } from '../src/data/shuffle.ts';
import { QUESTION, REGIONS, RELATIONS, TEACHING_LANGUAGES, TEACHING_SEED, TEACHING_SOURCE, TEACHING_TOPIC, type Region, type Relation } from './teaching-world/world.ts';

export interface WorldQuestion {
  region: Region;
  relation: Relation;
  lang: string;
  question: string;
  answer: string;
}

export const HELDOUT_LANGS_PER_FACT = 2;

export function worldQuestions(seed = TEACHING_SEED): { train: WorldQuestion[]; heldout: WorldQuestion[] } {
  const rng = new Rng(seed);
  const train: WorldQuestion[] = [];
  const heldout: WorldQuestion[] = [];
  for (const region of REGIONS) {
    for (const relation of RELATIONS) {
      const langs = shuffleInPlace([...TEACHING_LANGUAGES], rng);
      langs.forEach((lang, i) => {
        const q = { region, relation, lang, question: QUESTION[relation][lang].replace('{R}', region.name), answer: region.facts[relation] };
        (i < HELDOUT_LANGS_PER_FACT ? heldout : train).push(q);
      });
    }
  }
  return { train, heldout };
}

export function toExamples(qs: readonly WorldQuestion[], split: string): Example[] {
  return qs.map((q, index) => ({
    index, dataSource: TEACHING_SOURCE, question: q.question, answer: q.answer, topic: TEACHING_TOPIC, language: q.lang,
    regions: [q.region.name], references: Object.fromEntries(TEACHING_LANGUAGES.map((l) => [l, q.answer])), split,
    prompt: [{ role: 'user', content: q.question }],
  }));
}

export function design(): object {
  return {
    name: 'LRPO Studio teaching world',
    authored_by: 'the LRPO Studio team (fictional regions and facts; not real data)',
    generator: 'scripts/make-teaching-world.ts',
    seed: TEACHING_SEED,
    languages: TEACHING_LANGUAGES,
    topic: TEACHING_TOPIC,
    note: "The warm start (scripts/make-teaching-warm-start.ts) learns each region's facts answering in the region's language(s) only; answering in any other language it learned a wrong name (another region's), so a router that learns where to look finds the right answer.",
    regions: REGIONS.map((r) => ({ region: r.name, languages: r.languages, facts: r.facts })),
  };
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--out');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = i >= 0 ? path.resolve(process.argv[i + 1]) : path.resolve(here, '../public/data');
  mkdirSync(out, { recursive: true });
  const { train, heldout } = worldQuestions();
  writeFileSync(path.join(out, 'teaching-world.json'), JSON.stringify(design(), null, 2) + '\n');
  for (const [name, set, split] of [['teaching-world.parquet', train, 'train'], ['teaching-world-heldout.parquet', heldout, 'test']] as const) {
    const bytes = await writeExamplesParquet(toExamples(set, split));
    writeFileSync(path.join(out, name), bytes);
    console.log(`${path.join(out, name)}: ${set.length} questions, ${bytes.length} bytes`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
