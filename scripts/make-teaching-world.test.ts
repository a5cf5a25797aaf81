import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/load-dataset.ts';
import { writeExamplesParquet } from '../src/data/parquet/write-parquet.ts';
import { design, toExamples, worldQuestions } from './make-teaching-world.ts';
import { REGIONS, TEACHING_LANGUAGES } from './teaching-world/world.ts';

const DATA = path.resolve(__dirname, '../public/data');

describe('the committed teaching world', () => {
  it('the committed files are the script\'s output, byte for byte (reproducible)', async () => {
    const { train, heldout } = worldQuestions();
    expect(Buffer.from(await writeExamplesParquet(toExamples(train, 'train'))).equals(readFileSync(path.join(DATA, 'teaching-world.parquet')))).toBe(true);
    expect(Buffer.from(await writeExamplesParquet(toExamples(heldout, 'test'))).equals(readFileSync(path.join(DATA, 'teaching-world-heldout.parquet')))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(DATA, 'teaching-world.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(design())));
  });

  it('each fact is asked in all five languages, two held out; every region names its knowledge language(s)', async () => {
    const d = await loadDataset(new Uint8Array(readFileSync(path.join(DATA, 'teaching-world.parquet'))), 'teaching-world.parquet');
    const h = await loadDataset(new Uint8Array(readFileSync(path.join(DATA, 'teaching-world-heldout.parquet'))), 'teaching-world-heldout.parquet');
    expect(d.problems).toEqual([]);
    expect(d.examples).toHaveLength(REGIONS.length * 3 * 3);
    expect(h.examples).toHaveLength(REGIONS.length * 3 * 2);
    const all = [...d.examples, ...h.examples];
    for (const r of REGIONS) {
      expect(r.languages.every((l) => (TEACHING_LANGUAGES as readonly string[]).includes(l))).toBe(true);
      for (const fact of Object.values(r.facts)) {
        const asked = all.filter((e) => e.regions[0] === r.name && e.answer === fact).map((e) => e.language).sort();
        expect(asked).toEqual([...TEACHING_LANGUAGES].sort());
      }
    }
    const heldQ = new Set(h.examples.map((e) => e.question));
    expect(d.examples.some((e) => heldQ.has(e.question))).toBe(false);
  });
});
